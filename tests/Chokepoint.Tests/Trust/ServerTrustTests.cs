using Chokepoint.Core.Identity;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chokepoint.Tests.Trust;

/// <summary>The server's first run, its health checks, a database out of connections, and password guessing.</summary>
public sealed class ServerTrustTests
{
    private static WebApplicationFactory<Chokepoint.Server.ScreeningService> Server(string db, string? data = null) => ServerFactory.Chokepoint(db, data);

    [Fact]
    public void A_server_pointed_at_a_missing_database_refuses_to_start_and_creates_none()
    {
        using var scratch = new Scratch();
        var missing = scratch.Path("chokepoint.db");
        using var factory = Server(missing);
        var e = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        Assert.Contains($"no database at {missing}", e.ToString());
        Assert.Contains("chokepoint lists update", e.ToString());
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Liveness_answers_at_once_readiness_only_once_lists_are_loaded()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("server.db");
        await (await SnapshotStores.OpenAsync(db, CancellationToken.None)).DisposeAsync();
        await using var factory = Server(db, scratch.Path("no-such-data"));
        factory.StartServer();
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        using (var ready = await http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("no list is loaded", await ready.Content.ReadAsStringAsync());
        }
        var options = factory.Services.GetRequiredService<Chokepoint.Server.ServerOptions>();
        Assert.Equal(db, options.Db); // resolved to the full path, as logged at start-up

        // A missing goods data folder is named by the setting the server reads, not a command-line flag.
        using (var classify = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = JsonContent(new { hs = "8457.10" }) })
        {
            classify.Headers.Add("X-Api-Key", "admin-key");
            using var response = await http.SendAsync(classify);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Chokepoint:Data", await response.Content.ReadAsStringAsync());
        }

        await using (var store = await SnapshotStores.OpenAsync(db, CancellationToken.None))
            await new SnapshotImporter(store, TimeProvider.System).ImportAsync(TestData.File(TestData.Un), new ImportOptions(), null, CancellationToken.None);
        using (var reload = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reload"))
        {
            reload.Headers.Add("X-Api-Key", "admin-key");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(reload)).StatusCode);
        }
        using var nowReady = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, nowReady.StatusCode);
        Assert.Contains("1,003 entities", await nowReady.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task An_administrator_rolls_a_list_back_over_HTTP_and_the_trail_records_it(string kind)
    {
        using var scratch = new Scratch();
        var db = await Stores.ConnectionAsync(kind, scratch);
        await using (var store = await SnapshotStores.OpenAsync(db, CancellationToken.None))
        {
            var importer = new SnapshotImporter(store, TimeProvider.System);
            var older = scratch.Write("un-older.xml", ListFaults.UnDated("2026-01-15T00:00:00Z"));
            await importer.ImportAsync(older, new ImportOptions(), null, CancellationToken.None);                       // snapshot 1
            await importer.ImportAsync(TestData.File(TestData.Un), new ImportOptions(), null, CancellationToken.None); // snapshot 2 serves
        }
        await using var factory = Server(db);
        factory.StartServer();
        using var http = factory.CreateClient();
        async Task<HttpResponseMessage> Post(string path, object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent(body) };
            request.Headers.Add("X-Api-Key", key);
            return await http.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await Post("/api/admin/lists/1/activate", new { reason = "x" }, "screener-key")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/admin/lists/1/activate", new { reason = " " }, "admin-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/api/admin/lists/99/activate", new { reason = "x" }, "admin-key")).StatusCode);
        var back = await Post("/api/admin/lists/1/activate", new { reason = "the 2026-02-27 file is under review" }, "admin-key");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using (var screened = await Post("/api/screen", new { name = "ERIC BADEGE" }, "screener-key"))
        using (var json = JsonDocument.Parse(await screened.Content.ReadAsStringAsync()))
        {
            Assert.Equal([1L], json.RootElement.GetProperty("snapshots").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal(1L, json.RootElement.GetProperty("hits")[0].GetProperty("snapshot").GetInt64());
        }
        var audit = await ChokepointCli.RunAsync("audit", "export", "--format", "json", "--db", db);
        Assert.Contains("list.activate", audit.Out);
        Assert.Contains("the 2026-02-27 file is under review", audit.Out);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Two_hundred_concurrent_licensing_requests_on_PostgreSQL_get_no_500()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Postgres);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            s.StatusAsync(HttpMethod.Get, "/api/licensing/applications", i % 2 == 0 ? "applicant" : "officer")));
        Assert.DoesNotContain(results, r => r.Status >= 500 && r.Status != 503);
        Assert.True(results.Count(r => r.Status == 200) >= 150, string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{g.Key}: {g.Count()}")));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Password_guessing_backs_off_then_locks_until_an_administrator_lifts_it(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        var clock = s.Clock;
        async Task<HttpResponseMessage> SignIn(string user, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/licensing/applications");
            request.Headers.Authorization = LicensingServer.Basic(user, password);
            return await s.Http.SendAsync(request);
        }
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("applicant", "wrong")).StatusCode);
        var fourth = await SignIn("applicant", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, fourth.StatusCode);
        // Now the account must wait: even the right password is turned away, unchecked, with Retry-After.
        var early = await SignIn("applicant", LicensingServer.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.NotNull(early.Headers.RetryAfter);
        // Another account from the same address is held back too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn("compliance", "wrong")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await SignIn("applicant", LicensingServer.Password)).StatusCode);

        for (var i = 0; i < SignInThrottle.LockAfter; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            await SignIn("applicant", "wrong");
        }
        clock.Advance(TimeSpan.FromMinutes(20));
        var locked = await SignIn("applicant", LicensingServer.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/licensing/users/applicant/unlock", "officer", new { reason = "me" })).Status);
        await s.OkAsync(HttpMethod.Post, "/api/licensing/users/applicant/unlock", "admin", new { reason = "confirmed by phone" });
        Assert.Equal(HttpStatusCode.OK, (await SignIn("applicant", LicensingServer.Password)).StatusCode);
        var audit = await s.StatusAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        Assert.Contains("user.locked", audit.Body);
        Assert.Contains("user.unlocked", audit.Body);
        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());
    }
}

/// <summary>Takes every connection the PostgreSQL test server has: alone, so that no other test is starved.</summary>
[CollectionDefinition(nameof(ExhaustsPostgres), DisableParallelization = true)]
public sealed class ExhaustsPostgres;

[Collection(nameof(ExhaustsPostgres))]
public sealed class DatabaseExhaustionTests
{
    [Fact]
    public async Task A_database_out_of_connections_answers_503_with_retry_after_and_recovers()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Postgres);
        // Take every connection the PostgreSQL server has left (it keeps 3 for superusers; the tests connect as one,
        // so take those too), then ask the licensing API for something.
        var held = new List<NpgsqlConnection>();
        try
        {
            while (held.Count < 1000)
            {
                var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Stores.PostgresServer) { Pooling = false }.ConnectionString);
                try { await c.OpenAsync(); held.Add(c); }
                catch (PostgresException e) when (e.SqlState == "53300") { await c.DisposeAsync(); break; }
            }
            // The server's pool may still hold idle connections; drain them by asking for more than it has.
            var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => s.SendAsync(HttpMethod.Get, "/api/licensing/applications", "applicant")));
            var seen = string.Join(", ", answers.GroupBy(a => (int)a.StatusCode).Select(g => $"{g.Count()} x {g.Key}"));
            var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.True(answers.All(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable), $"{held.Count} connections held; answers: {seen}; first other: {await FirstOtherAsync(answers)}");
            Assert.True(busy.Count > 0, $"{held.Count} connections held, yet no request was refused: {seen}");
            Assert.All(busy, a => Assert.NotNull(a.Headers.RetryAfter));
            foreach (var a in answers) a.Dispose();
        }
        finally
        {
            foreach (var c in held) await c.DisposeAsync();
        }
        var after = await s.StatusAsync(HttpMethod.Get, "/api/licensing/applications", "applicant");
        Assert.True(after.Status == 200, $"after the connections were given back: {after.Status} {after.Body}");
    }

    private static async Task<string> FirstOtherAsync(IEnumerable<HttpResponseMessage> answers) =>
        answers.FirstOrDefault(a => a.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)) is { } other
            ? $"{(int)other.StatusCode} {await other.Content.ReadAsStringAsync()}"
            : "none";

}
