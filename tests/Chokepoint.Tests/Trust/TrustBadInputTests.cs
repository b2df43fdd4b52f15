using Microsoft.AspNetCore.Hosting;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>Garbage on the input paths this round added: anchor receipts, audit keys, the migrate command's
/// database, unlocking accounts, the server's pool setting. Each is one clear error and changes nothing.</summary>
public sealed class TrustBadInputTests
{
    private static async Task<string> DatabaseWithAnAuditTrailAsync(Scratch scratch)
    {
        var db = scratch.Path("a.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("users", "add-organisation", "Authority", "--country", "CN", "--kind", "authority", "--db", db)).Code);
        return db;
    }

    [Fact]
    public async Task A_damaged_or_missing_anchor_receipt_is_a_clear_error()
    {
        using var scratch = new Scratch();
        var db = await DatabaseWithAnAuditTrailAsync(scratch);
        foreach (var (name, content) in new[] { ("garbage.json", "\u0000\u0001 not json {{"), ("truncated.json", "{\"database\": \"SQLite x\", \"seq\": 1"), ("empty.json", "") })
        {
            var r = await ChokepointCli.RunAsync("audit", "verify", "--db", db, "--anchor", scratch.Write(name, content));
            Assert.Equal(1, r.Code);
            Assert.StartsWith("error: ", r.Err, StringComparison.Ordinal);
            Assert.Contains(name, r.Err);
        }
        var missing = await ChokepointCli.RunAsync("audit", "verify", "--db", db, "--anchor", scratch.Path("none.json"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("none.json", missing.Err);
        Assert.Equal(0, (await ChokepointCli.RunAsync("audit", "verify", "--db", db)).Code); // nothing was changed
    }

    [Fact]
    public async Task A_damaged_audit_key_is_a_clear_error_naming_where_it_came_from()
    {
        using var scratch = new Scratch();
        var db = await DatabaseWithAnAuditTrailAsync(scratch);
        var keys = scratch.Write("keys", "k1 not-base64!!\n");
        var file = await ChokepointCli.RunInAsync(new Dictionary<string, string> { ["CHOKEPOINT_AUDIT_KEY_FILE"] = keys }, "", "audit", "verify", "--db", db);
        Assert.Equal(1, file.Code);
        Assert.Contains(keys, file.Err);
        var env = await ChokepointCli.RunInAsync(new Dictionary<string, string> { ["CHOKEPOINT_AUDIT_KEY"] = "c2hvcnQ=" }, "", "audit", "verify", "--db", db);
        Assert.Equal(1, env.Code);
        Assert.Contains("CHOKEPOINT_AUDIT_KEY holds 5 bytes", env.Err);
    }

    [Fact]
    public async Task Migrate_and_unlock_refuse_what_they_cannot_do()
    {
        using var scratch = new Scratch();
        var unreachable = await ChokepointCli.RunAsync("db", "migrate", "--db", "Host=127.0.0.1;Port=1;Database=x;Username=u;Timeout=2");
        Assert.Equal(1, unreachable.Code);
        Assert.Contains("Cannot migrate the database", unreachable.Err);
        var db = await DatabaseWithAnAuditTrailAsync(scratch);
        var nobody = await ChokepointCli.RunAsync("users", "unlock", "nobody", "--reason", "x", "--db", db);
        Assert.Equal(1, nobody.Code);
        Assert.Contains("No user nobody", nobody.Err);
        var blank = await ChokepointCli.RunAsync("users", "unlock", "nobody", "--reason", " ", "--db", db);
        Assert.Equal(1, blank.Code);
    }

    [Fact]
    public async Task Unlocking_over_HTTP_needs_a_reason_and_a_real_account()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/licensing/users/applicant/unlock", "admin", new { })).Status);
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, "/api/licensing/users/nobody/unlock", "admin", new { reason = "x" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/licensing/users/applicant/unlock", "admin", "{not json")).Status);
    }

    [Fact]
    public async Task A_pool_of_no_connections_is_refused_at_start()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("p.db");
        await (await Chokepoint.Storage.SnapshotStores.OpenAsync(db, CancellationToken.None)).DisposeAsync();
        using var factory = ServerFactory.Chokepoint(db);
        using var withZero = factory.WithWebHostBuilder(b => b.UseSetting("Chokepoint:MaxPoolSize", "0"));
        var e = Assert.ThrowsAny<Exception>(() => withZero.CreateClient());
        Assert.Contains("Chokepoint:MaxPoolSize must be between 1 and 10,000", e.ToString());
    }
}
