using System.Globalization;
using System.Text;
using Chokepoint.Application.Lists;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Snapshots;
using Chokepoint.Server.Security;

namespace Chokepoint.Server.Api;

/// <summary>
/// GET /metrics in the Prometheus text format, for administrators (a scraper signs in with Basic or a key): each
/// serving list's age, size and last update outcome; the scheduled updates' last success and failure; the last
/// monitoring run; alerts by state; notices waiting to be delivered.
/// </summary>
public static class MetricsApi
{
    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (ScreeningService lists, MonitoringDesk desk, MonitoringSchedule monitoring, ListUpdates updates, TimeProvider clock, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                var text = new StringBuilder();
                void Metric(string name, string help, IEnumerable<(string Labels, double Value)> samples)
                {
                    text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
                    foreach (var (labels, value) in samples) text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
                }
                static string Label(string key, string value) => $"{{{key}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";
                static double Seconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

                await using var store = await lists.OpenStoreAsync(ct);
                var fresh = await ListsFreshness.OfAsync(store, TimeSpan.MaxValue, now, ct);
                Metric("chokepoint_list_age_seconds", "Time since the serving snapshot's publication (or import, when undated).", fresh.Select(l => (Label("list", l.Active.Dataset.Value), Math.Round(l.Age.TotalSeconds))));
                Metric("chokepoint_list_entities", "Entries in the serving snapshot.", fresh.Select(l => (Label("list", l.Active.Dataset.Value), (double)l.Active.EntityCount)));
                Metric("chokepoint_list_update_refused", "1 when the list's last update attempt was refused (the last good snapshot serves).",
                    fresh.Select(l => (Label("list", l.Active.Dataset.Value), l.LastAttempt?.Outcome == UpdateOutcome.Refused ? 1.0 : 0.0)));
                Metric("chokepoint_list_last_update_timestamp_seconds", "When the list's last update was attempted.",
                    fresh.Where(l => l.LastAttempt is not null).Select(l => (Label("list", l.Active.Dataset.Value), Seconds(l.LastAttempt!.At))));
                Metric("chokepoint_scheduled_update_last_success_timestamp_seconds", "When each scheduled list update last ran to its end.",
                    updates.State.Where(s => s.LastSuccess is not null).Select(s => (Label("cron", s.Cron), Seconds(s.LastSuccess!.Value))));
                Metric("chokepoint_scheduled_update_last_failure_timestamp_seconds", "When each scheduled list update last failed.",
                    updates.State.Where(s => s.LastFailure is not null).Select(s => (Label("cron", s.Cron), Seconds(s.LastFailure!.Value))));
                if (monitoring.Last is { } last) Metric("chokepoint_monitoring_last_run_timestamp_seconds", "When the scheduled monitoring last ran.", [("", Seconds(last.At))]);
                if (monitoring.LastFailure is { } failed) Metric("chokepoint_monitoring_last_failure_timestamp_seconds", "When the scheduled monitoring last failed.", [("", Seconds(failed))]);
                var totals = await desk.Inbox.TotalsAsync(ct);
                Metric("chokepoint_alerts", "Alerts by state, every organisation.", totals.Select(t => (Label("state", t.Key.ToString()), (double)t.Value)));
                Metric("chokepoint_notices_pending", "Alert notices not yet delivered to a webhook nor given up.", [("", await desk.Notices.PendingAsync(ct))]);
                return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .RequirePermission(Permission.ManageLists)
            .WithSummary("Operational metrics in the Prometheus text format (administrators)");
}
