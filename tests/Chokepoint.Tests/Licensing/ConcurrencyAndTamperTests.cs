using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;
using static Chokepoint.Tests.Licensing.LicensingFlow;

namespace Chokepoint.Tests.Licensing;

/// <summary>Parallel drawdowns on PostgreSQL never overdraw; a tampered audit trail is caught.</summary>
public sealed class ConcurrencyAndTamperTests
{
    [Fact]
    public async Task Parallel_drawdowns_against_one_line_never_overdraw_on_PostgreSQL()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Postgres);
        var number = await LicenceAsync(s, "GL-CN-100"); // 100 kg, USD 10,000
        // 40 declarations of 3 kg at once: 33 fit (99 kg), 7 must be refused.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/usages", i % 2 == 0 ? "applicant" : "compliance", Usage($"P-{i:00}", 3, 1))));
        Assert.Equal(33, results.Count(r => r.Status == 200));
        Assert.Equal(7, results.Count(r => r.Status == 409));
        // The same declaration sent 10 times at once is recorded once.
        var replays = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/usages", "applicant", Usage("R-1", 1, 1))));
        Assert.All(replays, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, replays.Count(r => r.Body.Contains("\"replayed\":false", StringComparison.Ordinal)));
        var licence = await s.OkAsync(HttpMethod.Get, $"/api/licensing/licences/{number}", "applicant");
        Assert.Equal(100, licence.GetProperty("lines")[0].GetProperty("quantityUsed").GetDecimal());
        Assert.Equal("Exhausted", State(licence));

        await using var db = RecordDatabase.Open(s.Connection);
        await using var c = await db.ConnectAsync(CancellationToken.None);
        await using var sum = RecordDatabase.Command(c, null, "SELECT SUM(quantity), COUNT(*) FROM usages");
        await using var r = await sum.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(100m, r.GetDecimal(0));
        Assert.Equal(34, r.GetInt64(1));
        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [InlineData(Stores.Sqlite, "UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 5", "edited")]
    [InlineData(Stores.Postgres, "UPDATE audit_events SET after = '{}' WHERE seq = 5", "edited")]
    [InlineData(Stores.Sqlite, "DELETE FROM audit_events WHERE seq = 6", "deleted")]
    [InlineData(Stores.Postgres, "DELETE FROM audit_events WHERE seq = 6", "deleted")]
    [InlineData(Stores.Sqlite, "UPDATE audit_events SET seq = -1 WHERE seq = 7; UPDATE audit_events SET seq = 7 WHERE seq = 8; UPDATE audit_events SET seq = 8 WHERE seq = -1", "moved")]
    [InlineData(Stores.Postgres, "UPDATE audit_events SET seq = -1 WHERE seq = 7; UPDATE audit_events SET seq = 7 WHERE seq = 8; UPDATE audit_events SET seq = 8 WHERE seq = -1", "moved")]
    [InlineData(Stores.Sqlite, "DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)", "deleted from the end")]
    public async Task Tampering_with_the_audit_trail_in_the_database_is_caught(string kind, string tamper, string expected)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        await LicenceAsync(s, "GL-CN-200");
        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());
        await using (var db = RecordDatabase.Open(s.Connection))
        await using (var c = await db.ConnectAsync(CancellationToken.None))
        await using (var cmd = RecordDatabase.Command(c, null, tamper))
            await cmd.ExecuteNonQueryAsync();
        var report = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.Contains(report.GetProperty("breaks").EnumerateArray(), b => b.GetProperty("problem").GetString()!.Contains(expected, StringComparison.Ordinal));

        // The command line finds it too, and says so with exit code 1.
        var cli = await ChokepointCli.RunAsync("audit", "verify", "--db", s.Connection);
        Assert.Equal(1, cli.Code);
        Assert.Contains("BROKEN", cli.Out);
    }

    [Fact]
    public async Task The_audit_export_for_auditors_neutralises_spreadsheet_formulas()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var number = await LicenceAsync(s, "GL-CN-300");
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/suspend", "officer", new { reason = "=HYPERLINK(\"http://evil\")" });
        using var response = await s.SendAsync(HttpMethod.Get, "/api/licensing/audit/export?format=csv", "auditor");
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        using var json = await s.SendAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        Assert.Contains("licence.suspended", await json.Content.ReadAsStringAsync());
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Get, "/api/licensing/audit/export?format=csv", "applicant")).Status);
    }

    [Fact]
    public async Task Administration_commands_refuse_bad_input_with_a_clear_error_and_change_nothing()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("admin.db");
        var org = await ChokepointCli.RunAsync("users", "add-organisation", "Exporter Ltd", "--country", "China", "--kind", "exporter", "--db", db);
        Assert.Equal(1, org.Code);
        Assert.Contains("ISO 3166", org.Err);
        Assert.Equal(0, (await ChokepointCli.RunAsync("users", "add-organisation", "Exporter Ltd", "--country", "CN", "--kind", "exporter", "--db", db)).Code);
        var dup = await ChokepointCli.RunAsync("users", "add-organisation", "Exporter Ltd", "--country", "CN", "--kind", "exporter", "--db", db);
        Assert.Equal(1, dup.Code);
        Assert.Contains("exists", dup.Err);
        const string password = "long enough password\n";
        foreach (var (input, args, expected) in new (string, string[], string)[]
        {
            ("", ["users", "add", "ann", "--role", "applicant", "--organisation", "1"], "12 to 200"),      // no password on standard input
            ("short\n", ["users", "add", "ann", "--role", "applicant", "--organisation", "1"], "12 to 200"),
            (password, ["users", "add", "ann", "--role", "emperor", "--organisation", "1"], "role must be"),
            (password, ["users", "add", "ann", "--role", "applicant", "--organisation", "99"], "does not exist"),
            (password, ["users", "add", new string('a', 500), "--role", "applicant", "--organisation", "1"], "at most"),
            ("", ["users", "key", "42", "--label", "x"], "does not exist"),
            ("", ["audit", "export", "--format", "xml"], "csv or json"),
        })
        {
            var run = await ChokepointCli.RunWithInputAsync(input, [.. args, "--db", db]);
            Assert.True(run.Code == 1, $"{string.Join(' ', args)}: exit {run.Code} {run.Out} {run.Err}");
            Assert.Contains(expected, run.Err);
        }
        var audit = await ChokepointCli.RunAsync("audit", "verify", "--db", db, "--json");
        Assert.Equal(0, audit.Code);
        Assert.Contains("\"events\": 1", audit.Out); // only the one organisation was recorded
    }
}
