using System.Diagnostics.Metrics;
using Chokepoint.Application.Lists;
using Chokepoint.Application.Monitoring;
using Chokepoint.Application.Telemetry;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Snapshots;
using Chokepoint.Server.Security;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chokepoint.Server.Api;

/// <summary>Where telemetry goes: the Prometheus scrape at /metrics always; OTLP (metrics and traces) when an endpoint
/// is set, off by default.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OpenTelemetry collector, such as http://collector:4317; unset: nothing is pushed.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public void Validate()
    {
        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
            throw new ArgumentException($"Chokepoint:Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{OtlpProtocol}'.");
        if (OtlpEndpoint is not null && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new ArgumentException($"Chokepoint:Telemetry:OtlpEndpoint must be an http(s) address such as http://collector:4317, not '{OtlpEndpoint}'.");
    }
}

/// <summary>
/// GET /metrics in the Prometheus text format, for administrators (a scraper signs in with Basic or a key), through
/// OpenTelemetry: the instruments of <see cref="ChokepointMetrics"/> (screenings and their latency, alerts opened,
/// updates refused, monitoring runs), the HTTP server's own, and the state read from the store just before each scrape
/// (<see cref="OperationalGauges"/>).
/// </summary>
public static class MetricsApi
{
    public static IServiceCollection AddChokepointTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ChokepointMetrics>();
        services.AddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("chokepoint", serviceVersion: Chokepoint.Matching.Screening.Screener.Version));
        telemetry.WithMetrics(m =>
        {
            m.AddMeter(ChokepointMetrics.Name).AddAspNetCoreInstrumentation();
            // A meter is listened to by name, in every host of the process; only this host's own (made by its meter
            // factory) are kept, or two hosts (the tests run many) would count each other's screenings.
            if (m is IDeferredMeterProviderBuilder deferred)
                deferred.Configure((sp, b) =>
                {
                    var own = sp.GetRequiredService<IMeterFactory>();
                    b.AddView(i => i.Meter.Scope is IMeterFactory factory && factory != own ? MetricStreamConfiguration.Drop : null);
                });
            // Each scrape is fresh (no cached answer), without the scope labels that would double every series.
            m.AddPrometheusExporter(o => (o.ScrapeResponseCacheDurationMilliseconds, o.ScopeInfoEnabled) = (0, false));
            if (options.OtlpEndpoint is not null) m.AddOtlpExporter(o => Otlp(o, options));
        });
        if (options.OtlpEndpoint is not null)
            telemetry.WithTracing(t => t.AddSource(ChokepointMetrics.Name).AddAspNetCoreInstrumentation().AddOtlpExporter(o => Otlp(o, options)));
        return services;
    }

    private static void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions o, TelemetryOptions options)
    {
        o.Endpoint = new Uri(options.OtlpEndpoint!);
        o.Protocol = options.OtlpProtocol == "grpc" ? OpenTelemetry.Exporter.OtlpExportProtocol.Grpc : OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
    }

    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
            {
                await context.RequestServices.GetRequiredService<OperationalGauges>().RefreshAsync(context.RequestAborted);
                await next(context);
            }), optionsName: null)
            .RequirePermission(Permission.ManageLists);
}

/// <summary>
/// The state an operator watches, as gauges: each serving list's age, size and last update outcome; the scheduled
/// updates' last success and failure; the last monitoring run; alerts by state; notices waiting. Read from the store
/// before each scrape, and every half minute while OTLP pushes them.
/// </summary>
public sealed class OperationalGauges : BackgroundService
{
    private sealed record State(IReadOnlyList<ListFreshness> Lists, IReadOnlyDictionary<AlertState, int> Alerts, int Notices);

    private readonly ScreeningService _lists;
    private readonly MonitoringDesk _desk;
    private readonly MonitoringSchedule _monitoring;
    private readonly ListUpdates _updates;
    private readonly TimeProvider _clock;
    private readonly TelemetryOptions _options;
    private readonly SemaphoreSlim _one = new(1, 1);
    private State _state = new([], new Dictionary<AlertState, int>(), 0);

    public OperationalGauges(IMeterFactory meters, ScreeningService lists, MonitoringDesk desk, MonitoringSchedule monitoring, ListUpdates updates, TimeProvider clock, TelemetryOptions options)
    {
        (_lists, _desk, _monitoring, _updates, _clock, _options) = (lists, desk, monitoring, updates, clock, options);
        var meter = meters.Create(ChokepointMetrics.Name);
        meter.CreateObservableGauge("chokepoint.list.age", () => PerList(l => Math.Round(l.Age.TotalSeconds)), "s",
            "Time since the serving snapshot's publication (or import, when undated).");
        meter.CreateObservableGauge("chokepoint.list.entities", () => PerList(l => l.Active.EntityCount), "{entity}", "Entries in the serving snapshot.");
        meter.CreateObservableGauge("chokepoint.list.update_refused", () => PerList(l => l.LastAttempt?.Outcome == UpdateOutcome.Refused ? 1 : 0), null,
            "1 when the list's last update attempt was refused (the last good snapshot serves).");
        meter.CreateObservableGauge("chokepoint.list.last_update.timestamp",
            () => _state.Lists.Where(l => l.LastAttempt is not null).Select(l => Measure(Seconds(l.LastAttempt!.At), "list", l.Active.Dataset.Value)), "s",
            "When the list's last update was attempted.");
        meter.CreateObservableGauge("chokepoint.scheduled_update.last_success.timestamp",
            () => _updates.State.Where(s => s.LastSuccess is not null).Select(s => Measure(Seconds(s.LastSuccess!.Value), "cron", s.Cron)), "s",
            "When each scheduled list update last ran to its end.");
        meter.CreateObservableGauge("chokepoint.scheduled_update.last_failure.timestamp",
            () => _updates.State.Where(s => s.LastFailure is not null).Select(s => Measure(Seconds(s.LastFailure!.Value), "cron", s.Cron)), "s",
            "When each scheduled list update last failed.");
        meter.CreateObservableGauge("chokepoint.monitoring.last_run.timestamp",
            () => _monitoring.Last is { } last ? [new Measurement<double>(Seconds(last.At))] : Array.Empty<Measurement<double>>(), "s", "When the scheduled monitoring last ran.");
        meter.CreateObservableGauge("chokepoint.monitoring.last_failure.timestamp",
            () => _monitoring.LastFailure is { } failed ? [new Measurement<double>(Seconds(failed))] : Array.Empty<Measurement<double>>(), "s", "When the scheduled monitoring last failed.");
        meter.CreateObservableGauge("chokepoint.alerts", () => _state.Alerts.Select(a => new Measurement<int>(a.Value, new KeyValuePair<string, object?>("state", a.Key.ToString()))),
            "{alert}", "Alerts by state, every organisation.");
        meter.CreateObservableGauge("chokepoint.notices.pending", () => _state.Notices, "{notice}", "Alert notices not yet delivered to a webhook nor given up.");
    }

    private IEnumerable<Measurement<double>> PerList(Func<ListFreshness, double> value) =>
        _state.Lists.Select(l => Measure(value(l), "list", l.Active.Dataset.Value));

    private static Measurement<double> Measure(double value, string key, string label) => new(value, new KeyValuePair<string, object?>(key, label));

    private static double Seconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Reads the state from the store; scrapes that arrive together share one read.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await using var store = await _lists.OpenStoreAsync(ct);
            var lists = await ListsFreshness.OfAsync(store, TimeSpan.MaxValue, _clock.GetUtcNow(), ct);
            _state = new State(lists, await _desk.Inbox.TotalsAsync(ct), await _desk.Notices.PendingAsync(ct));
        }
        finally
        {
            _one.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.OtlpEndpoint is null) return; // a scrape refreshes what it reads
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), _clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; the gauges keep their last values meanwhile.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
