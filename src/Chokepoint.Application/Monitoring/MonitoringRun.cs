using System.Globalization;
using Chokepoint.Application.Lists;
using Chokepoint.Application.Screening;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Storage;
using Chokepoint.Core.Values;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>What one monitoring run did.</summary>
public sealed record MonitoringReport(IReadOnlyList<long> Snapshots, int Counterparties, int Screened, int Opened, int Reopened, int Remembered, TimeSpan Elapsed)
{
    public override string ToString() => Snapshots.Count == 0 && Screened == 0
        ? "nothing to monitor: no counterparty is registered, or every one has been screened against every active snapshot"
        : (Snapshots.Count == 0 ? "no list changed" : $"snapshots {string.Join(", ", Snapshots)}") +
          $": {Screened:N0} of {Counterparties:N0} counterparties screened" +
          (Screened < Counterparties ? " (the others are unchanged and cannot match a changed entry)" : "") +
          $", {Opened:N0} alerts opened, {Reopened:N0} re-opened, {Remembered:N0} hits already decided false positives, {Elapsed.TotalSeconds:F1} s";
}

/// <summary>A snapshot monitoring has screened the register against: how many counterparties, how many alerts, when.</summary>
public sealed record MonitoredSnapshot(long SnapshotId, string Dataset, int Counterparties, int Alerts, DateTimeOffset CompletedAt);

/// <summary>
/// Screens the counterparty register against list snapshots that became active since the last run: for a dataset
/// monitored before, only the entries its diff added or changed can raise an alert; for a new one, every entry. Each
/// counterparty is screened against the whole active index (so scores equal an ordinary screening), and only hits on
/// those entries are kept. A snapshot is marked monitored after every counterparty is done: a run killed midway is
/// simply run again, and alerts, one per counterparty and entry, are not duplicated.
/// </summary>
public sealed class MonitoringRun(LicensingStore store, CounterpartyRegister register, AlertDesk alerts, ScreeningRecords screenings, Telemetry.ChokepointMetrics? metrics = null)
{
    private WatchedRegister? _watched;

    // The register's stamp when a run of this process last left every counterparty screened: while it holds, nobody
    // was registered or changed since, and the register need not be searched for them.
    private RegisterStamp? _allScreened;

    /// <summary>Runs monitoring. <paramref name="serving"/> is the index a server already screens with: used when it holds
    /// exactly the active snapshots, instead of building another. <paramref name="progress"/> hears how many
    /// counterparties are screened, and then how many of their hits are recorded.</summary>
    public async Task<MonitoringReport> RunAsync(ISnapshotStore lists, bool full, CancellationToken ct, ScreeningIndex? serving = null, IProgress<ScreeningProgress>? progress = null)
    {
        using var span = Telemetry.ChokepointMetrics.Traces.StartActivity("chokepoint.monitoring.run");
        span?.SetTag("full", full);
        var report = await RunCoreAsync(lists, full, serving, progress, ct);
        span?.SetTag("screened", report.Screened);
        span?.SetTag("opened", report.Opened + report.Reopened);
        metrics?.Monitored(report);
        return report;
    }

    private async Task<MonitoringReport> RunCoreAsync(ISnapshotStore lists, bool full, ScreeningIndex? serving, IProgress<ScreeningProgress>? progress, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // An empty register has nothing to screen; its lists stay unmonitored, so the first registration gets a full run.
        var stamp = await register.StampAsync(ct);
        if (stamp.Count == 0) return new MonitoringReport([], 0, 0, 0, 0, 0, watch.Elapsed);
        var active = await lists.ListAsync(activeOnly: true, ct);
        var monitored = await MonitoredAsync(ct);
        var pending = active.Where(s => full || !monitored.ContainsKey(s.Id)).ToList();
        // Counterparties registered or changed since monitoring last screened them are screened against every entry.
        IReadOnlyList<(long Id, int Version)> fresh = _allScreened == stamp ? [] : await register.UnscreenedAsync(ct);
        if (pending.Count == 0 && fresh.Count == 0 || active.Count == 0) return new MonitoringReport([], stamp.Count, 0, 0, 0, 0, watch.Elapsed);

        // Which entries of each pending snapshot may raise an alert: null means all of them.
        var scope = new Dictionary<long, HashSet<string>?>();
        foreach (var s in pending)
        {
            var before = full ? null : monitored.Where(m => m.Value == s.Dataset.Value).Select(m => (long?)m.Key).Max();
            if (before is not { } previous) { scope[s.Id] = null; continue; }
            var diff = await SnapshotDiff.CompareAsync(lists, previous, s.Id, ct);
            scope[s.Id] = [.. diff.Added.Concat(diff.Changed).Select(e => e.SourceId)];
        }

        // The register stays in memory between runs while it is unchanged (its names normalised and indexed by word).
        var watched = _watched is { } w && w.Stamp == stamp ? w : _watched = new WatchedRegister(stamp, await register.AllAsync(ct));
        var parties = watched.Parties;
        var screener = new Screener();
        screener.Load(serving is not null && serving.SnapshotIds.ToHashSet().SetEquals(active.Select(a => a.Id)) ? serving : await ActiveIndex.BuildAsync(lists, ct));
        // When every pending snapshot is a change to one monitored before, only the parties that could retrieve a
        // changed entry are screened (PartyNames.Reaching), besides the fresh ones: the others cannot have a hit on one.
        var options = new ScreenOptions { Threshold = alerts.Policy.MinimumScore, Limit = 25 };
        var isFresh = new bool[parties.Count];
        var unmatched = 0; // changed again since the register was read: left for the next run
        foreach (var (id, version) in fresh)
            if (watched.PositionOf(id) is var at and >= 0 && parties[at].Version == version) isFresh[at] = true;
            else unmatched++;
        // A change to most of a list (a first import after long, a re-keyed list) is screened against everyone: finding
        // who could match costs more than it saves.
        var reached = scope.Values.Any(ids => ids is null) || scope.Values.Sum(ids => ids!.Count) > screener.Index!.EntityCount / 10 ? null
            : watched.Names.Reaching(screener.Index!, scope.SelectMany(p => p.Value!.Select(id => (new SnapshotId(p.Key), id))), options, i => parties[i].Party.Query);
        IReadOnlyList<int> targets = [.. Enumerable.Range(0, parties.Count).Where(i => isFresh[i] || reached is null || reached.Contains(i))];
        var outcomes = Screen(screener, targets, i => parties[i].Party.Query, options, progress, ct);
        var (opened, reopened, remembered) = (0, 0, 0);
        for (var i = 0; i < targets.Count; i++)
        {
            if (i % ProgressStep == 0) progress?.Report(new ScreeningProgress("recording hits of counterparties", i, targets.Count));
            if (outcomes[i].Result is not { } result) continue;
            var party = parties[targets[i]];
            var wanted = result.Hits.Where(h => isFresh[targets[i]] || scope.TryGetValue(h.Snapshot, out var ids) && (ids is null || ids.Contains(h.EntityId))).ToList();
            if (wanted.Count == 0) continue;
            await using var u = await store.BeginAsync(ct);
            var screening = await screenings.RecordAsync(u, Actor.Monitoring, "monitoring", party.Id, options, result, ct);
            foreach (var hit in wanted)
            {
                var entry = await lists.GetEntityAsync(hit.Snapshot, hit.EntityId, ct) ?? throw new InvalidOperationException($"Snapshot {hit.Snapshot} lost entry {hit.EntityId}.");
                switch (await alerts.RaiseAsync(u, party, hit.List, hit.EntityId, hit.Snapshot, hit.Score, EntryFacts.Of(entry.Entity), screening, ct, explanation: hit.Explanation))
                {
                    case Raised.Opened: opened++; break;
                    case Raised.Reopened: reopened++; break;
                    case Raised.Remembered: remembered++; break;
                }
            }
            await u.CommitAsync(ct);
        }
        await using (var u = await store.BeginAsync(ct))
        {
            foreach (var s in pending)
                if (!monitored.ContainsKey(s.Id))
                    await u.ExecuteAsync("INSERT INTO monitored_snapshots (snapshot_id, dataset, counterparties, alerts, completed_at) VALUES (@s, @d, @c, @a, @at)", ct,
                        ("s", s.Id.Value), ("d", s.Dataset), ("c", stamp.Count), ("a", opened + reopened), ("at", u.Now.ToString("O", CultureInfo.InvariantCulture)));
            await CounterpartyRegister.MarkScreenedAsync(u, targets.Where(i => isFresh[i]).Select(i => parties[i]), ct);
            await u.CommitAsync(ct);
        }
        if (unmatched == 0) _allScreened = stamp;
        return new MonitoringReport([.. pending.Select(s => s.Id.Value)], stamp.Count, targets.Count, opened, reopened, remembered, watch.Elapsed);
    }

    private const int ProgressStep = 8192;

    /// <summary>Screens the targets a step at a time, so that progress can be told between steps.</summary>
    private static PartyOutcome[] Screen(Screener screener, IReadOnlyList<int> targets, Func<int, PartyQuery> query, ScreenOptions options, IProgress<ScreeningProgress>? progress, CancellationToken ct)
    {
        var outcomes = new PartyOutcome[targets.Count];
        for (var start = 0; start < targets.Count; start += ProgressStep)
        {
            progress?.Report(new ScreeningProgress("screening counterparties", start, targets.Count));
            var step = Math.Min(ProgressStep, targets.Count - start);
            PartyBatch.Screen(screener, step, i => (query(targets[start + i]), options), ct).CopyTo(outcomes, start);
        }
        progress?.Report(new ScreeningProgress("screening counterparties", targets.Count, targets.Count));
        return outcomes;
    }

    /// <summary>The snapshot monitoring finished last, for the dashboard.</summary>
    public async Task<MonitoredSnapshot?> LatestAsync(CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        await using var cmd = u.Command("SELECT snapshot_id, dataset, counterparties, alerts, completed_at FROM monitored_snapshots ORDER BY completed_at DESC LIMIT 1");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new MonitoredSnapshot(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            : null;
    }

    /// <summary>The register as one run found it, kept for the next while its stamp holds.</summary>
    private sealed class WatchedRegister(RegisterStamp stamp, IReadOnlyList<RegisteredCounterparty> parties)
    {
        public RegisterStamp Stamp { get; } = stamp;
        public IReadOnlyList<RegisteredCounterparty> Parties { get; } = parties;
        public PartyNames Names { get; } = PartyNames.Build(parties.Count, i => parties[i].Party.Query);
        private readonly long[] _ids = [.. parties.Select(p => p.Id)]; // ascending: the register is read in id order

        public int PositionOf(long id) => Array.BinarySearch(_ids, id) is var at and >= 0 ? at : -1;
    }

    private async Task<Dictionary<long, string>> MonitoredAsync(CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        var seen = new Dictionary<long, string>();
        await using var cmd = u.Command("SELECT snapshot_id, dataset FROM monitored_snapshots");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) seen[r.GetInt64(0)] = r.GetString(1);
        return seen;
    }
}
