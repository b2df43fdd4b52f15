using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chokepoint.Tests.Server;

/// <summary>One identity model: keys in the settings are accounts, every endpoint is reached through the one scheme,
/// permissions decide at the door, and screenings and decisions name their actor.</summary>
public sealed class IdentityTests
{
    private static async Task<string> ListDbAsync(Scratch scratch)
    {
        var db = scratch.Path("identity.db");
        await using var store = await SnapshotStores.OpenAsync(db, CancellationToken.None);
        await new SnapshotImporter(store, TimeProvider.System).ImportAsync(TestData.File(TestData.Un), new ImportOptions(), null, CancellationToken.None);
        return db;
    }

    private static WebApplicationFactory<Chokepoint.Server.ScreeningService> Server(string db, params (string Key, string Role)[] keys)
    {
        var factory = new WebApplicationFactory<Chokepoint.Server.ScreeningService>().WithWebHostBuilder(b =>
        {
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Chokepoint:Db", db);
            b.UseSetting("Chokepoint:Data", TestData.Folder);
            for (var i = 0; i < keys.Length; i++)
            {
                b.UseSetting($"Chokepoint:ApiKeys:{i}:Key", keys[i].Key);
                b.UseSetting($"Chokepoint:ApiKeys:{i}:Role", keys[i].Role);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Configured_keys_are_accounts_named_in_what_they_do_and_a_removed_key_stops_working()
    {
        using var scratch = new Scratch();
        var db = await ListDbAsync(scratch);
        string screenerAccount;
        await using (var first = Server(db, ("erp-key-0001", "screener"), ("ops-key-0002", "admin"), ("old-key-0003", "screener")))
        {
            using var http = first.CreateClient();
            var users = await SendAsync(http, HttpMethod.Get, "/api/licensing/users", "ops-key-0002");
            Assert.Equal(HttpStatusCode.OK, users.Status);
            var names = users.Body.EnumerateArray().Select(u => (Name: u.GetProperty("username").GetString()!, Role: u.GetProperty("role").GetString()!)).ToList();
            Assert.Equal(2, names.Count(u => u.Role == "screener" && u.Name.StartsWith("key-screener-", StringComparison.Ordinal)));
            Assert.Contains(names, u => u.Role == "administrator" && u.Name.StartsWith("key-administrator-", StringComparison.Ordinal));
            Assert.DoesNotContain(names, u => u.Name.Contains("erp-key", StringComparison.Ordinal)); // the key itself is never a name

            var screened = await SendAsync(http, HttpMethod.Post, "/api/screen", "erp-key-0001", new { name = "ERIC BADEGE" });
            Assert.Equal(HttpStatusCode.OK, screened.Status);
            screenerAccount = screened.Body.GetProperty("screenedBy").GetString()!;
            Assert.StartsWith("key-screener-", screenerAccount);
            var batch = await SendAsync(http, HttpMethod.Post, "/api/screen/batch", "erp-key-0001", new { parties = new[] { new { name = "ERIC BADEGE" } } });
            Assert.Equal(screenerAccount, batch.Body.GetProperty("screenedBy").GetString());
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/screen", "old-key-0003", new { name = "ERIC BADEGE" })).Status);
        }
        // Started again without old-key-0003: that key is revoked, the others keep their accounts.
        await using (var second = Server(db, ("erp-key-0001", "screener"), ("ops-key-0002", "admin")))
        {
            using var http = second.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Post, "/api/screen", "old-key-0003", new { name = "ERIC BADEGE" })).Status);
            var again = await SendAsync(http, HttpMethod.Post, "/api/screen", "erp-key-0001", new { name = "ERIC BADEGE" });
            Assert.Equal(screenerAccount, again.Body.GetProperty("screenedBy").GetString());
            var trail = await SendAsync(http, HttpMethod.Get, "/api/licensing/audit/export", "ops-key-0002");
            Assert.Contains(trail.Body.EnumerateArray(), e => e.GetProperty("action").GetString() == "apikey.revoked");
            Assert.True((await SendAsync(http, HttpMethod.Get, "/api/licensing/audit/verify", "ops-key-0002")).Body.GetProperty("intact").GetBoolean());
        }
    }

    [Fact]
    public async Task A_configured_key_with_an_unknown_role_stops_the_server_from_starting()
    {
        using var scratch = new Scratch();
        var db = await ListDbAsync(scratch);
        var e = await Record.ExceptionAsync(async () => { await using var s = Server(db, ("some-key-0001", "superuser")); });
        Assert.NotNull(e);
        Assert.Contains("superuser", e.ToString());
    }

    [Fact]
    public async Task One_scheme_for_every_endpoint_and_permissions_at_the_door()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        // Licensing accounts screen through the same door as configured keys; their name is on the answer.
        var officer = await s.StatusAsync(HttpMethod.Post, "/api/screen", "compliance", new { name = "ERIC BADEGE" });
        Assert.Equal(200, officer.Status);
        Assert.Contains("\"screenedBy\":\"compliance\"", officer.Body);
        // An auditor reads the trail but does not screen; a screener key screens but has no licensing access.
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/screen", "auditor", new { name = "ERIC BADEGE" })).Status);
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/admin/reload", "compliance")).Status);
        Assert.Equal(200, (await s.StatusAsync(HttpMethod.Post, "/api/admin/reload", "admin")).Status);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/licensing/applications"))
        {
            request.Headers.Add("X-Api-Key", "screener-key");
            using var response = await s.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        // Basic sign-in reaches screening too.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = JsonContent.Create(new { name = "ERIC BADEGE" }) })
        {
            request.Headers.Authorization = LicensingServer.Basic("compliance", LicensingServer.Password);
            using var response = await s.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Anonymous and forged: 401 with a problem body saying how to sign in.
        var anonymous = await s.StatusAsync(HttpMethod.Post, "/api/screen", null, new { name = "ERIC BADEGE" });
        Assert.Equal(401, anonymous.Status);
        Assert.Contains("X-Api-Key", anonymous.Body);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = JsonContent.Create(new { name = "X" }) })
        {
            request.Headers.Add("X-Api-Key", new string('k', 5000));
            using var response = await s.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        // Health checks and the API description stay open.
        Assert.Equal(200, (await s.StatusAsync(HttpMethod.Get, "/healthz", null)).Status);
        Assert.Equal(200, (await s.StatusAsync(HttpMethod.Get, "/openapi/v1.json", null)).Status);
    }

    [Fact]
    public async Task A_list_activation_is_audited_under_the_actor_who_made_it()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var lists = await s.OkAsync(HttpMethod.Post, "/api/admin/reload", "admin");
        Assert.True(lists.GetProperty("ready").GetBoolean());
        await using (var store = await SnapshotStores.OpenAsync(s.Connection, CancellationToken.None))
        {
            var un = (await store.ListAsync(true, CancellationToken.None)).First(x => x.Dataset == "un-sc");
            var activated = await s.OkAsync(HttpMethod.Post, $"/api/admin/lists/{un.Id}/activate", "admin", new { reason = "roll forward after review" });
            Assert.Equal(un.Id.Value, activated.GetProperty("activated").GetProperty("id").GetInt64());
        }
        var trail = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/export", "auditor");
        var change = trail.EnumerateArray().Last(e => e.GetProperty("action").GetString() == "list.activate");
        Assert.StartsWith("admin", change.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_shipment_decision_names_who_asked_for_it()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var shipment = File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S01.json"));
        var decision = await s.CheckAsync(shipment);
        Assert.StartsWith("key-screener-", decision.GetProperty("decidedBy").GetString());
    }
}
