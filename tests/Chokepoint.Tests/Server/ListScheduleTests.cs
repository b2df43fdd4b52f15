using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>List updates on the server's own cron schedules, seen in the metrics; schedules that could not run stop the start.</summary>
public sealed class ListScheduleTests
{
    [Fact]
    public async Task A_scheduled_update_runs_at_its_time_and_the_metrics_show_it()
    {
        using var scratch = new Scratch();
        var folder = scratch.Path("mirror");
        Directory.CreateDirectory(folder);
        File.Copy(TestData.File("canada_sema/2020-04-16/sema-lmes.xml"), Path.Combine(folder, "sema-lmes.xml"));
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string>
        {
            ["Chokepoint:ListUpdates:0:Cron"] = "0 * * * *",
            ["Chokepoint:ListUpdates:0:Lists:0"] = "ca-sema",
            ["Chokepoint:ListsFolder"] = folder,
        });
        var before = await MetricsAsync(s);
        Assert.DoesNotContain("chokepoint_scheduled_update_last_success_timestamp_seconds{", before, StringComparison.Ordinal);
        Assert.DoesNotContain("list=\"ca-sema\"", before, StringComparison.Ordinal);
        Assert.Contains("chokepoint_list_age_seconds{list=\"un-sc\"}", before, StringComparison.Ordinal);

        s.Clock.Advance(TimeSpan.FromMinutes(61)); // 09:00 → 10:01: the 10:00 run is due
        var metrics = "";
        for (var i = 0; i < 300 && !metrics.Contains("chokepoint_scheduled_update_last_success_timestamp_seconds{cron=\"0 * * * *\"}", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            metrics = await MetricsAsync(s);
        }
        Assert.Contains("chokepoint_scheduled_update_last_success_timestamp_seconds{cron=\"0 * * * *\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("chokepoint_list_entities{list=\"ca-sema\"} 1369", metrics, StringComparison.Ordinal);
        Assert.Contains("chokepoint_alerts{state=\"Open\"}", metrics, StringComparison.Ordinal);
        // The metrics are for administrators only.
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Get, "/metrics", "compliance")).Status);
        Assert.Equal(401, (await s.StatusAsync(HttpMethod.Get, "/metrics", null)).Status);
    }

    [Theory]
    [InlineData("every hour", "not a five-field cron")]
    [InlineData("61 * * * *", "not a five-field cron")]
    public async Task A_bad_cron_stops_the_start(string cron, string expected)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string> { ["Chokepoint:ListUpdates:0:Cron"] = cron }));
        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_for_a_list_the_settings_do_not_name_stops_the_start()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string>
        {
            ["Chokepoint:ListUpdates:0:Cron"] = "0 3 * * *",
            ["Chokepoint:ListUpdates:0:Lists:0"] = "us-ofac-sdm",
        }));
        Assert.Contains("no list 'us-ofac-sdm'", e.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAsync(LicensingServer s)
    {
        var (status, body) = await s.StatusAsync(HttpMethod.Get, "/metrics", "admin");
        Assert.Equal(200, status);
        return body;
    }
}
