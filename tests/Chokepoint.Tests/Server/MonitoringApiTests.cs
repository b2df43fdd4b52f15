using System.Net.Http.Json;
using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>The monitoring loop over HTTP, with its roles: reviewers register counterparties and decide, a second
/// person of another role approves false positives, auditors read, screener keys get nothing of it.</summary>
public sealed class MonitoringApiTests
{
    [Fact]
    public async Task The_server_monitors_on_its_schedule_lists_it_did_not_import_itself()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance",
            new { counterparties = new[] { new { @ref = "C-1", name = "BANCO NACIONAL DE CUBA", kind = "organization" } } });
        Assert.Empty((await s.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray()); // nothing has run yet

        // A list imported beside the server (by the command line, say), then the schedule's next tick.
        await using (var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(s.Connection, CancellationToken.None))
            await new Chokepoint.Sources.Snapshots.SnapshotImporter(store, TimeProvider.System)
                .ImportAsync(TestData.File(TestData.Sdn2021), new Chokepoint.Sources.Snapshots.ImportOptions(), null, CancellationToken.None);
        s.Clock.Advance(TimeSpan.FromMinutes(16));
        var found = false;
        for (var i = 0; i < 300 && !found; i++) // the run happens on the server's own thread: wait for it, at most 30 s
        {
            found = (await s.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray()
                .Any(a => a.GetProperty("counterpartyRef").GetString() == "C-1" && a.GetProperty("sourceId").GetString() == "306");
            if (!found) await Task.Delay(100);
        }
        Assert.True(found, "the scheduled run opened no alert for the newly imported list");
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_second_reviewer_sends_a_false_positive_back_and_it_is_decided_again(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        await AddSecondReviewerAsync(s);
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var id = (await s.OkAsync(HttpMethod.Get, "/api/alerts?state=Open", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();
        await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "FalsePositive", reason = "different person" });

        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/send-back", "compliance", new { reason = "my own" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/send-back", "boss", new { reason = " " })).Status);
        var back = await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/send-back", "boss", new { reason = "the listed DOB is 1971: say why ours differs" });
        Assert.Equal("InReview", back.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, back.GetProperty("decidedBy").ValueKind);
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/approve", "boss")).Status);
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/send-back", "boss", new { reason = "again" })).Status);
        var again = await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "FalsePositive", reason = "ours was born 1990 in Kinshasa (passport seen)" });
        Assert.Equal("AwaitingApproval", again.GetProperty("state").GetString());
        Assert.Equal("Closed", (await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/approve", "boss")).GetProperty("state").GetString());
        var trail = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "alert.sent-back");
        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Register_monitor_decide_approve_and_replay_over_http(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        await AddSecondReviewerAsync(s);

        var added = await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new
        {
            source = "erp",
            counterparties = new object[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" }, new { @ref = "C-9", name = "Astana Logistics Partners LLP", country = "KZ" } },
        });
        Assert.Equal(2, added.GetProperty("added").GetInt32());
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "auditor", new { counterparties = new[] { new { @ref = "X", name = "X" } } })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { name = "no ref" } } })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "A", name = "A", kind = "robot" } } })).Status);
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/monitor", "compliance")).Status);

        var run = await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        Assert.True(run.GetProperty("opened").GetInt32() >= 1, run.ToString());
        var inbox = await s.OkAsync(HttpMethod.Get, "/api/alerts?state=Open", "compliance");
        var alert = inbox.EnumerateArray().First(a => a.GetProperty("counterpartyRef").GetString() == "C-4");
        Assert.DoesNotContain(inbox.EnumerateArray(), a => a.GetProperty("counterpartyRef").GetString() == "C-9");
        var id = alert.GetProperty("id").GetInt64();
        Assert.Empty((await s.OkAsync(HttpMethod.Get, "/api/alerts", "auditor")).EnumerateArray()); // another organisation's
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Get, $"/api/alerts/{id}", "auditor")).Status);
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "applicant", new { decision = "TrueMatch", reason = "x" })).Status);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts"))
        {
            request.Headers.Add("X-Api-Key", "screener-key");
            using var response = await s.Http.SendAsync(request);
            Assert.Equal(403, (int)response.StatusCode);
        }
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "Maybe", reason = "x" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Get, "/api/alerts?state=Pending", "compliance")).Status);
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, "/api/alerts/999999/approve", "boss")).Status);

        var decided = await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "FalsePositive", reason = "born 1971 in Rutshuru; ours is a Kinshasa trader born 1990" });
        Assert.Equal("AwaitingApproval", decided.GetProperty("state").GetString());
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/approve", "compliance")).Status);
        var approved = await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/approve", "boss");
        Assert.Equal("Closed", approved.GetProperty("state").GetString());
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "TrueMatch", reason = "again" })).Status);

        // The screening behind the alert is on record and replays identically; so is an ordinary API screening.
        var screening = approved.GetProperty("screening").GetInt64();
        Assert.Equal("monitoring", (await s.OkAsync(HttpMethod.Get, $"/api/screenings/{screening}", "compliance")).GetProperty("purpose").GetString());
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Get, $"/api/screenings/{screening}", "auditor")).Status); // another organisation's
        Assert.True((await s.OkAsync(HttpMethod.Post, $"/api/screenings/{screening}/replay", "compliance")).GetProperty("identical").GetBoolean());
        var screened = await s.OkAsync(HttpMethod.Post, "/api/screen", "compliance", new { name = "ERIC BADEGE" });
        var record = await s.OkAsync(HttpMethod.Get, $"/api/screenings/{screened.GetProperty("screeningId").GetInt64()}", "compliance");
        Assert.Equal("compliance", record.GetProperty("actor").GetString());
        Assert.Equal(screened.GetProperty("hits").GetArrayLength(), record.GetProperty("hits").GetArrayLength());
        var versions = await s.OkAsync(HttpMethod.Get, "/api/counterparties/C-4", "compliance");
        Assert.Equal(1, versions.GetProperty("versions").GetArrayLength());
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Get, "/api/counterparties/NOPE", "compliance")).Status);
        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());

        // yente-compatible matching is on record too, one screening per query.
        var match = new { queries = new { q1 = new { schema = "Person", properties = new Dictionary<string, string[]> { ["name"] = ["ERIC BADEGE"] } },
            q2 = new { schema = "Company", properties = new Dictionary<string, string[]> { ["name"] = ["Astana Logistics Partners LLP"] } } } };
        await s.OkAsync(HttpMethod.Post, "/match/default", "compliance", match);
        await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(s.Connection);
        await using var c = await database.ConnectAsync(CancellationToken.None);
        await using var count = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT COUNT(*) FROM screenings WHERE purpose = 'yente' AND actor = 'compliance'");
        Assert.Equal(2L, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A second reviewer of another role in the exporter's organisation (an administrator there), key "boss".</summary>
    private static async Task AddSecondReviewerAsync(LicensingServer s)
    {
        var boss = await s.OkAsync(HttpMethod.Post, "/api/licensing/users", "admin",
            new { username = "exporter-admin", password = LicensingServer.Password, role = "administrator", organisationId = s.Organisations["exporter"] });
        s.Keys["boss"] = (await s.OkAsync(HttpMethod.Post, $"/api/licensing/users/{boss.GetProperty("id").GetInt64()}/keys", "admin", new { label = "tests" })).GetProperty("key").GetString()!;
    }
}

/// <summary>Garbage on the monitoring inputs: settings, request bodies, names and reasons.</summary>
public sealed class MonitoringBadInputTests
{
    [Theory]
    [InlineData("Chokepoint:Monitoring:Threshold", "5")]
    [InlineData("Chokepoint:Monitoring:Threshold", "-0.1")]
    [InlineData("Chokepoint:Monitoring:EveryMinutes", "-1")]
    [InlineData("Chokepoint:Monitoring:FullEveryHours", "-24")]
    public async Task A_monitoring_setting_that_means_nothing_stops_the_start(string key, string value)
    {
        var e = await Record.ExceptionAsync(async () => { await using var s = await LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string> { [key] = value }); });
        Assert.NotNull(e);
        Assert.Contains(key, e.ToString());
    }

    [Fact]
    public async Task Garbage_bodies_names_and_reasons_are_refused_and_nothing_is_stored()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance", "{\"counterparties\": [")).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance", "[1, 2]")).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = Array.Empty<object>() })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance",
            new { counterparties = new[] { new { @ref = "A", name = new string('x', 1001) } } })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/counterparties", "compliance",
            new { counterparties = new[] { new { @ref = "A", name = "One" }, new { @ref = "A", name = "Two" } } })).Status);
        Assert.Empty((await s.OkAsync(HttpMethod.Get, "/api/counterparties", "compliance")).EnumerateArray());

        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var id = (await s.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "TrueMatch", reason = new string('r', 2001) })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "5", reason = "x" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", "not json")).Status);
        Assert.Equal("Open", (await s.OkAsync(HttpMethod.Get, $"/api/alerts/{id}", "compliance")).GetProperty("state").GetString());
    }

}
