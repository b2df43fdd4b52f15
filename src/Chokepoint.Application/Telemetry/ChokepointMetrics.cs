using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chokepoint.Application.Lists;

namespace Chokepoint.Application.Telemetry;

/// <summary>
/// What Chokepoint measures of its own work, as .NET instruments that OpenTelemetry (or any listener) collects:
/// screenings and their latency, monitoring runs and the alerts they open, list updates refused. Made from a host's
/// <see cref="IMeterFactory"/>, so each host's figures are its own.
/// </summary>
public sealed class ChokepointMetrics
{
    public const string Name = "Chokepoint";

    /// <summary>Spans of the work a request does not show: monitoring runs and list updates.</summary>
    public static readonly ActivitySource Traces = new(Name);

    // Screening takes tens of microseconds, a monitoring run seconds to minutes: bucket bounds to match each.
    private static readonly double[] ScreeningBounds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5];
    private static readonly double[] RunBounds = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

    private readonly Counter<long> _screenings;
    private readonly Histogram<double> _screeningDuration;
    private readonly Counter<long> _alertsOpened;
    private readonly Histogram<double> _monitoringDuration;
    private readonly Counter<long> _updatesRefused;

    public ChokepointMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _screenings = meter.CreateCounter<long>("chokepoint.screenings", "{screening}", "Parties screened and put on record, by purpose (api, yente, batch, monitoring ...).");
        _screeningDuration = meter.CreateHistogram("chokepoint.screening.duration", "s", "Time the matcher took for one party, by purpose.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScreeningBounds });
        _alertsOpened = meter.CreateCounter<long>("chokepoint.alerts.opened", "{alert}", "Alerts opened or re-opened by monitoring runs and cases.");
        _monitoringDuration = meter.CreateHistogram("chokepoint.monitoring.run.duration", "s", "Time a monitoring run took, start to commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RunBounds });
        _updatesRefused = meter.CreateCounter<long>("chokepoint.list.updates.refused", "{update}", "List downloads and files refused (damaged, shrunk, dated oddly); the last good snapshot serves.");
    }

    public void Screened(string purpose, double elapsedMicroseconds)
    {
        var tag = new KeyValuePair<string, object?>("purpose", purpose);
        _screenings.Add(1, tag);
        _screeningDuration.Record(elapsedMicroseconds / 1e6, tag);
    }

    public void Monitored(Monitoring.MonitoringReport report)
    {
        _alertsOpened.Add(report.Opened + report.Reopened);
        _monitoringDuration.Record(report.Elapsed.TotalSeconds);
    }

    public void AlertOpened() => _alertsOpened.Add(1);

    public void Updated(UpdateRunResult result)
    {
        foreach (var report in result.Reports.Where(r => r.Outcome == Core.Snapshots.UpdateOutcome.Refused))
            _updatesRefused.Add(1, new KeyValuePair<string, object?>("list", report.Dataset));
        foreach (var item in result.Items.Where(i => i.Failed))
            _updatesRefused.Add(1, new KeyValuePair<string, object?>("list", Path.GetFileName(item.Path)));
    }
}
