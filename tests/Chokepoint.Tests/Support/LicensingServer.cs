using Chokepoint.Core.Identity;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chokepoint.Tests.Support;

/// <summary>
/// A real Chokepoint server on a loopback port over SQLite or PostgreSQL, with the UN and OFAC SDN lists loaded and
/// an authority, two exporters and a user of every role, each with a licensing key.
/// </summary>
public sealed class LicensingServer : IAsyncDisposable
{
    private readonly Scratch _scratch = new();
    private WebApplicationFactory<Chokepoint.Server.ScreeningService> _factory = null!;

    /// <summary>The server's clock, fixed at <see cref="Start"/> until a test advances it: licensing's "today" (working-day
    /// clocks, licence states, evidence dates) and the sign-in back-off never read the wall clock in tests.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public HttpClient Http { get; private set; } = null!;
    public string Connection { get; private set; } = "";
    public Dictionary<string, string> Keys { get; } = [];
    public Dictionary<string, long> Organisations { get; } = [];
    public const string Password = "correct horse battery staple";

    public static async Task<LicensingServer> StartAsync(string kind, decimal countersignAbove = 1_000_000m,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var s = new LicensingServer();
        s.Connection = await Stores.ConnectionAsync(kind, s._scratch);
        await using (var store = await SnapshotStores.OpenAsync(s.Connection, CancellationToken.None))
        {
            var importer = new SnapshotImporter(store, TimeProvider.System);
            foreach (var f in new[] { TestData.Un, TestData.Sdn2024 })
                await importer.ImportAsync(TestData.File(f), new ImportOptions(), null, CancellationToken.None);
        }
        s._factory = ServerFactory.Chokepoint(s.Connection).WithWebHostBuilder(b =>
        {
            b.UseSetting("Chokepoint:Licensing:CountersignAbove", countersignAbove.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            b.ConfigureServices(x => x.AddSingleton<TimeProvider>(s.Clock));
            if (services is not null) b.ConfigureServices(services);
        });
        s._factory.UseKestrel();
        s._factory.StartServer();
        s.Http = s._factory.CreateClient();
        await s.SeedAsync();
        return s;
    }

    private async Task SeedAsync()
    {
        var accounts = _factory.Services.GetRequiredService<AccountService>();
        var op = Actor.Operator;
        var ct = CancellationToken.None;
        Organisations["authority"] = (await accounts.CreateOrganisationAsync(op, "MOFCOM Dual-Use Licensing Bureau", "CN", "authority", ct)).Id;
        Organisations["exporter"] = (await accounts.CreateOrganisationAsync(op, "Yunnan Germanium Materials Co., Ltd.", "CN", "exporter", ct)).Id;
        Organisations["other"] = (await accounts.CreateOrganisationAsync(op, "Harbin Other Exporter Co., Ltd.", "CN", "exporter", ct)).Id;
        foreach (var (name, role, org) in new[]
        {
            ("admin", Roles.Administrator, "authority"), ("officer", Roles.LicensingOfficer, "authority"), ("officer2", Roles.LicensingOfficer, "authority"),
            ("auditor", Roles.Auditor, "authority"), ("applicant", Roles.Applicant, "exporter"), ("compliance", Roles.ComplianceOfficer, "exporter"),
            ("rival", Roles.Applicant, "other"), ("insider", Roles.LicensingOfficer, "exporter"),
        })
        {
            var user = await accounts.CreateUserAsync(op, name, Password, role, Organisations[org], ct);
            Keys[name] = await accounts.CreateApiKeyAsync(op, user.Id, "tests", ct);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? user, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        if (user is not null) request.Headers.Add("X-Api-Key", Keys[user]);
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string user, object? body = null)
    {
        using var response = await SendAsync(method, path, user, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"{method} {path} as {user}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(int Status, string Body)> StatusAsync(HttpMethod method, string path, string? user, object? body = null)
    {
        using var response = await SendAsync(method, path, user, body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Decides a shipment through POST /api/shipments/check (the screening API key).</summary>
    public async Task<JsonElement> CheckAsync(string shipment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/shipments/check") { Content = new StringContent(shipment, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", "screener-key");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new Xunit.Sdk.XunitException($"check: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _scratch.Dispose();
    }
}
