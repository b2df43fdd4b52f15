using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>The OpenTelemetry instruments, read as Prometheus scrapes them from /metrics: each named instrument is
/// there and moves with the work it counts, and one server's figures are not another's.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Screenings_latency_alerts_opened_and_list_state_are_scraped_from_metrics()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var before = await MetricsAsync(s);
        var screened = Value(before, "chokepoint_screenings_total{purpose=\"api\"}");

        for (var i = 0; i < 3; i++) await s.OkAsync(HttpMethod.Post, "/api/screen", "compliance", new { name = "ERIC BADEGE" });
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "T-1", name = "ERIC BADEGE", kind = "person" } } });
        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");

        var after = await MetricsAsync(s);
        Assert.Equal(screened + 3, Value(after, "chokepoint_screenings_total{purpose=\"api\"}"));
        // Latency as a histogram in seconds, with buckets fine enough for a screening of tens of microseconds.
        Assert.Equal(screened + 3, Value(after, "chokepoint_screening_duration_seconds_count{purpose=\"api\"}"));
        Assert.Contains("chokepoint_screening_duration_seconds_bucket{purpose=\"api\",le=\"0.0001\"}", after, StringComparison.Ordinal);
        Assert.True(Value(after, "chokepoint_alerts_opened_total") >= 1, after);
        Assert.Equal(1, Value(after, "chokepoint_monitoring_run_duration_seconds_count"));
        Assert.True(Value(after, "chokepoint_screenings_total{purpose=\"monitoring\"}") >= 1, after);
        // The state read from the store at the scrape.
        Assert.Contains("chokepoint_list_age_seconds{list=\"un-sc\"}", after, StringComparison.Ordinal);
        Assert.True(Value(after, "chokepoint_list_entities{list=\"us-ofac-sdn\"}") > 1000, after);
        Assert.Equal(Value(after, "chokepoint_alerts_opened_total"), Value(after, "chokepoint_alerts{state=\"Open\"}"));
        // The HTTP server's own instruments come along.
        Assert.Contains("http_server_request_duration_seconds_bucket{", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_list_update_is_counted_per_list()
    {
        using var scratch = new Scratch();
        var folder = scratch.Path("mirror");
        Directory.CreateDirectory(folder);
        // A consolidated list cut short: refused, and counted.
        var xml = File.ReadAllText(TestData.File("canada_sema/2020-04-16/sema-lmes.xml"));
        File.WriteAllText(Path.Combine(folder, "sema-lmes.xml"), xml[..(xml.Length / 2)]);
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string>
        {
            ["Chokepoint:ListUpdates:0:Cron"] = "0 * * * *",
            ["Chokepoint:ListUpdates:0:Lists:0"] = "ca-sema",
            ["Chokepoint:ListsFolder"] = folder,
        });
        Assert.DoesNotContain("chokepoint_list_updates_refused_total", await MetricsAsync(s), StringComparison.Ordinal);
        s.Clock.Advance(TimeSpan.FromMinutes(61)); // the 10:00 update is due
        var after = "";
        for (var i = 0; i < 300 && !after.Contains("chokepoint_scheduled_update_last_success_timestamp_seconds{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            after = await MetricsAsync(s);
        }
        Assert.Equal(1, Value(after, "chokepoint_list_updates_refused_total{list=\"sema-lmes.xml\"}"));
        Assert.DoesNotContain("list=\"ca-sema\"", after, StringComparison.Ordinal); // nothing of it serves
    }

    [Theory]
    [InlineData("OtlpEndpoint", "collector:4317", "must be an http(s) address")]
    [InlineData("OtlpEndpoint", "ftp://collector", "must be an http(s) address")]
    [InlineData("OtlpProtocol", "udp", "must be grpc or http/protobuf")]
    public async Task A_bad_exporter_setting_stops_the_server_at_start_with_its_name(string setting, string value, string expected)
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        using var factory = ServerFactory.Chokepoint(db).WithWebHostBuilder(b => b.UseSetting($"Chokepoint:Telemetry:{setting}", value));
        var e = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        Assert.Contains($"Chokepoint:Telemetry:{setting} {expected}", e.ToString(), StringComparison.Ordinal);
        Assert.Contains(value, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_servers_in_one_process_each_count_their_own()
    {
        await using var a = await LicensingServer.StartAsync(Stores.Sqlite);
        await using var b = await LicensingServer.StartAsync(Stores.Sqlite);
        await a.OkAsync(HttpMethod.Post, "/api/screen", "compliance", new { name = "ERIC BADEGE" });
        await a.OkAsync(HttpMethod.Post, "/api/screen", "compliance", new { name = "ERIC BADEGE" });
        var scrape = await MetricsAsync(b);
        Assert.DoesNotContain("chokepoint_screenings_total{purpose=\"api\"}", scrape, StringComparison.Ordinal);
        Assert.Equal(2, Value(await MetricsAsync(a), "chokepoint_screenings_total{purpose=\"api\"}"));
        // Every series once: no doubled lines from another server's meter.
        var series = scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.LastIndexOf(' ')]).ToList();
        Assert.Equal(series.Count, series.Distinct().Count());
    }

    private static async Task<string> MetricsAsync(LicensingServer s)
    {
        var (status, body) = await s.StatusAsync(HttpMethod.Get, "/metrics", "admin");
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>The value of one series (name with labels exactly as written); 0 when the series is absent.</summary>
    private static double Value(string scrape, string series)
    {
        // A series without labels is written "name{} value".
        var match = Regex.Match(scrape, "^" + Regex.Escape(series) + (series.EndsWith('}') ? "" : @"(\{\})?") + @" (?<value>\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
