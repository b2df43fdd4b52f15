using Chokepoint.Application.Lists;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Audit;
using Chokepoint.Sources.Updates;

namespace Chokepoint.Server.Workplace;

/// <summary>What an administrator's "update now" did, in words for the page.</summary>
public sealed record ListUpdateOutcome(string Source, int Refused, int Unreachable, IReadOnlyList<string> Lines, MonitoringReport Monitoring);

/// <summary>
/// The administrator's list actions from the workplace, as the command line and the API do them: update every list
/// now (the same run as `chokepoint lists update`), or make a snapshot serve; then reload the index and monitor the
/// register against the change. Both are in the audit trail.
/// </summary>
public sealed class ListDesk(ServerOptions options, ScreeningService lists, MonitoringDesk monitoring, AuditService audit, TimeProvider clock, IHttpClientFactory http,
    Chokepoint.Application.Telemetry.ChokepointMetrics metrics)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The datasets the download settings name.</summary>
    public IReadOnlySet<string> KnownLists() => Settings().Lists.Select(l => l.Dataset).ToHashSet(StringComparer.Ordinal);

    private UpdateSettings Settings() => UpdateSettings.Load(options.Sources ?? Path.Combine(AppContext.BaseDirectory, "sources.json"));

    /// <summary>Updates every list, or only <paramref name="only"/> (datasets of the download settings).</summary>
    public async Task<ListUpdateOutcome> UpdateNowAsync(Actor actor, CancellationToken ct, IReadOnlyCollection<string>? only = null)
    {
        if (!actor.May(Permission.ManageLists)) throw Chokepoint.Licensing.LicensingException.Forbidden($"The role {actor.Role} may not update lists.");
        if (!await _one.WaitAsync(0, ct)) throw Chokepoint.Licensing.LicensingException.Conflict("An update is running already; its result shows when it ends.");
        try
        {
            var settings = Settings();
            if (only is { Count: > 0 }) settings = settings with { Lists = [.. settings.Lists.Where(l => only.Contains(l.Dataset))] };
            using var span = Chokepoint.Application.Telemetry.ChokepointMetrics.Traces.StartActivity("chokepoint.lists.update");
            var lines = new List<string>();
            await using var store = await lists.OpenStoreAsync(ct);
            var run = new UpdateRun(store, options.Db, http.CreateClient("publishers"), clock, lines.Add);
            var result = await run.RunAsync(new UpdateRunOptions(settings, options.ListsFolder), ct);
            metrics.Updated(result);
            foreach (var item in result.Items)
                lines.Add($"{Path.GetFileName(item.Path)}: {(item.Failed ? "refused, " : "")}{item.Problem ?? (item.Result is { } r ? $"snapshot {r.Snapshot.Id}, {r.Snapshot.EntityCount:N0} entries" : "nothing new")}");
            await lists.ReloadAsync(ct);
            var report = await monitoring.Run.RunAsync(store, full: false, ct, lists.Screener.Index);
            await audit.RecordListUpdateAsync(actor, result.Source, $"{result.Refused} refused, {result.Unreachable} unreachable", ct);
            return new ListUpdateOutcome(result.Source, result.Refused, result.Unreachable, lines, report);
        }
        finally
        {
            _one.Release();
        }
    }

    public async Task<(Chokepoint.Core.Snapshots.SnapshotInfo Activated, MonitoringReport Monitoring)> ActivateAsync(Actor actor, long id, string reason, CancellationToken ct)
    {
        if (!actor.May(Permission.ManageLists)) throw Chokepoint.Licensing.LicensingException.Forbidden($"The role {actor.Role} may not activate snapshots.");
        reason = reason.Trim();
        if (reason.Length is 0 or > 500) throw new ArgumentException("Say why the snapshot is made to serve (1 to 500 characters).");
        var (activated, before) = await lists.ActivateAsync(id, reason, ct);
        if (activated is null) throw Chokepoint.Licensing.LicensingException.NotFound($"There is no snapshot {id}.");
        await audit.RecordListChangeAsync(actor, "list.activate", activated, before, reason, ct);
        await using var store = await lists.OpenStoreAsync(ct);
        return (activated, await monitoring.Run.RunAsync(store, full: false, ct, lists.Screener.Index));
    }
}
