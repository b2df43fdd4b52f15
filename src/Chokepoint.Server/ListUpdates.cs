using Chokepoint.Core.Identity;
using Chokepoint.Server.Workplace;
using Cronos;

namespace Chokepoint.Server;

/// <summary>How one scheduled update last went, for the metrics and the dashboard.</summary>
public sealed record ScheduledUpdate(string Cron, IReadOnlyList<string> Lists, DateTimeOffset? Next, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError);

/// <summary>
/// List updates inside the server on cron schedules (UTC), the same run as `chokepoint lists update` and "update
/// now": refused lists keep their last good snapshot, and monitoring follows. A failure is logged and counted, and
/// the next occurrence runs as planned. The schedules are checked at start: a bad cron or an unknown list stops it.
/// </summary>
public sealed class ListUpdates : BackgroundService
{
    private static readonly Actor Schedule = new(0, "schedule", Roles.Administrator, 0);
    private readonly ListDesk _desk;
    private readonly TimeProvider _clock;
    private readonly ILogger<ListUpdates> _log;
    private readonly (CronExpression Cron, ListUpdateSchedule Setting)[] _schedules;
    private readonly ScheduledUpdate[] _state;

    public ListUpdates(ServerOptions options, ListDesk desk, TimeProvider clock, ILogger<ListUpdates> log)
    {
        (_desk, _clock, _log) = (desk, clock, log);
        var known = options.ListUpdates.Count > 0 ? desk.KnownLists() : new HashSet<string>();
        _schedules = [.. options.ListUpdates.Select(s =>
        {
            CronExpression cron;
            try { cron = CronExpression.Parse(s.Cron); }
            catch (CronFormatException e) { throw new ArgumentException($"Chokepoint:ListUpdates: '{s.Cron}' is not a five-field cron expression: {e.Message}", e); }
            if (s.Lists.FirstOrDefault(l => !known.Contains(l)) is { } unknown)
                throw new ArgumentException($"Chokepoint:ListUpdates: no list '{unknown}' in the download settings; they name {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            return (cron, s);
        })];
        _state = [.. _schedules.Select(s => new ScheduledUpdate(s.Setting.Cron, s.Setting.Lists, s.Cron.GetNextOccurrence(clock.GetUtcNow().UtcDateTime), null, null, null))];
    }

    public IReadOnlyList<ScheduledUpdate> State => _state;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_schedules.Length == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _clock.GetUtcNow();
            var next = _state.Where(s => s.Next is not null).Select(s => s.Next!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (next == DateTimeOffset.MaxValue) return;
            try
            {
                // At most a minute at a time, so that a clock moved by hand (tests) or a suspended host is noticed.
                var wait = next - now;
                await Task.Delay(wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1), _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            for (var i = 0; i < _schedules.Length; i++)
                if (_state[i].Next is { } due && due <= _clock.GetUtcNow())
                    await RunAsync(i, stoppingToken);
        }
    }

    private async Task RunAsync(int i, CancellationToken ct)
    {
        var s = _state[i];
        try
        {
            var outcome = await _desk.UpdateNowAsync(Schedule, ct, s.Lists);
            _state[i] = s with { LastSuccess = _clock.GetUtcNow(), LastError = outcome.Refused > 0 ? $"{outcome.Refused} refused" : null };
            _log.LogInformation("Scheduled list update ({Cron}): {Refused} refused, {Unreachable} unreachable", s.Cron, outcome.Refused, outcome.Unreachable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _state[i] = s with { LastFailure = _clock.GetUtcNow(), LastError = e.Message };
            _log.LogError(e, "Scheduled list update ({Cron}) failed; the next one runs as planned", s.Cron);
        }
        _state[i] = _state[i] with { Next = _schedules[i].Cron.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime) };
    }
}
