using System.Globalization;
using Chokepoint.Application.Lists;
using Chokepoint.Application.Screening;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Storage;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>What one monitoring run did.</summary>
public sealed record MonitoringReport(IReadOnlyList<long> Snapshots, int Counterparties, int Opened, int Reopened, int Remembered, TimeSpan Elapsed)
{
    public override string ToString() => Snapshots.Count == 0
        ? "nothing to monitor: no counterparty is registered, or every active snapshot has been screened against the register"
        : $"snapshots {string.Join(", ", Snapshots)}: {Counterparties:N0} counterparties screened, {Opened:N0} alerts opened, {Reopened:N0} re-opened, " +
          $"{Remembered:N0} hits already decided false positives, {Elapsed.TotalSeconds:F1} s";
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
public sealed class MonitoringRun(LicensingStore store, CounterpartyRegister register, AlertDesk alerts, ScreeningRecords screenings)
{
    public async Task<MonitoringReport> RunAsync(ISnapshotStore lists, bool full, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // An empty register has nothing to screen; its lists stay unmonitored, so the first registration gets a full run.
        var parties = await register.AllAsync(ct);
        if (parties.Count == 0) return new MonitoringReport([], 0, 0, 0, 0, watch.Elapsed);
        var active = await lists.ListAsync(activeOnly: true, ct);
        var monitored = await MonitoredAsync(ct);
        var pending = active.Where(s => full || !monitored.ContainsKey(s.Id)).ToList();
        if (pending.Count == 0) return new MonitoringReport([], 0, 0, 0, 0, watch.Elapsed);

        // Which entries of each pending snapshot may raise an alert: null means all of them.
        var scope = new Dictionary<long, HashSet<string>?>();
        foreach (var s in pending)
        {
            var before = full ? null : monitored.Where(m => m.Value == s.Dataset.Value).Select(m => (long?)m.Key).Max();
            if (before is not { } previous) { scope[s.Id] = null; continue; }
            var diff = await SnapshotDiff.CompareAsync(lists, previous, s.Id, ct);
            scope[s.Id] = [.. diff.Added.Concat(diff.Changed).Select(e => e.SourceId)];
        }

        var screener = new Screener();
        screener.Load(await ActiveIndex.BuildAsync(lists, ct));
        var options = new ScreenOptions { Threshold = alerts.Policy.MinimumScore, Limit = 25 };
        var outcomes = PartyBatch.Screen(screener, parties.Count, i => (parties[i].Party.Query, options), ct);
        var (opened, reopened, remembered) = (0, 0, 0);
        for (var i = 0; i < parties.Count; i++)
        {
            if (outcomes[i].Result is not { } result) continue;
            var wanted = result.Hits.Where(h => scope.TryGetValue(h.Snapshot, out var ids) && (ids is null || ids.Contains(h.EntityId))).ToList();
            if (wanted.Count == 0) continue;
            await using var u = await store.BeginAsync(ct);
            var screening = await screenings.RecordAsync(u, Actor.Monitoring, "monitoring", parties[i].Id, options, result, ct);
            foreach (var hit in wanted)
            {
                var entry = await lists.GetEntityAsync(hit.Snapshot, hit.EntityId, ct) ?? throw new InvalidOperationException($"Snapshot {hit.Snapshot} lost entry {hit.EntityId}.");
                switch (await alerts.RaiseAsync(u, parties[i], hit.List, hit.EntityId, hit.Snapshot, hit.Score, EntryFacts.Of(entry.Entity), screening, ct, explanation: hit.Explanation))
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
                        ("s", s.Id.Value), ("d", s.Dataset), ("c", parties.Count), ("a", opened + reopened), ("at", u.Now.ToString("O", CultureInfo.InvariantCulture)));
            await u.CommitAsync(ct);
        }
        return new MonitoringReport([.. pending.Select(s => s.Id.Value)], parties.Count, opened, reopened, remembered, watch.Elapsed);
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
