using Chokepoint.Application.Monitoring;

namespace Chokepoint.Server;

/// <summary>
/// Watches the counterparty register inside the server: every <see cref="MonitoringPolicy.EveryMinutes"/> it screens
/// the register against list snapshots made active since the last run, wherever they came from, and every
/// <see cref="MonitoringPolicy.FullEveryHours"/> against every active list in full. A failed run is logged and tried
/// again at the next tick; it never stops the server. Time is the server's clock, so tests move it by hand.
/// </summary>
public sealed class MonitoringSchedule(MonitoringDesk desk, ScreeningService lists, MonitoringPolicy policy, TimeProvider clock, ILogger<MonitoringSchedule> log)
    : BackgroundService
{
    /// <summary>When the last run finished and what it did, for health and metrics.</summary>
    public (DateTimeOffset At, MonitoringReport Report)? Last { get; private set; }

    public DateTimeOffset? LastFailure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (policy.EveryMinutes <= 0) return;
        var tick = TimeSpan.FromMinutes(policy.EveryMinutes);
        var nextFull = policy.FullEveryHours > 0 ? clock.GetUtcNow().AddHours(policy.FullEveryHours) : DateTimeOffset.MaxValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var full = clock.GetUtcNow() >= nextFull;
            try
            {
                await using var store = await lists.OpenStoreAsync(stoppingToken);
                var report = await desk.Run.RunAsync(store, full, stoppingToken, lists.Screener.Index);
                Last = (clock.GetUtcNow(), report);
                if (full) nextFull = clock.GetUtcNow().AddHours(policy.FullEveryHours);
                if (report.Snapshots.Count > 0) log.LogInformation("Monitoring{Full}: {Report}", full ? " (full)" : "", report);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LastFailure = clock.GetUtcNow();
                log.LogError(e, "Monitoring run failed; it is tried again in {Minutes} minutes", policy.EveryMinutes);
            }
        }
    }
}
