using System.Collections.Concurrent;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Application.Lists;

/// <summary>
/// Which entries of a snapshot are new or different since a day: those its list did not hold in that form on the
/// day, by the snapshot that served then (the latest published before it). A list first imported after the day is new
/// in all its entries; a snapshot itself published before the day has none changed. Snapshots never change once
/// stored, so each comparison is made once and kept.
/// </summary>
public sealed class EntryChanges
{
    private readonly ConcurrentDictionary<(long Before, long Now), Lazy<Task<HashSet<string>>>> _compared = new();

    /// <summary>The ids of <paramref name="snapshot"/>'s entries changed since <paramref name="since"/>; null when all are.</summary>
    public async Task<IReadOnlySet<string>?> SinceAsync(ISnapshotStore store, long snapshot, DateTimeOffset since, CancellationToken ct)
    {
        var all = await store.ListAsync(activeOnly: false, ct);
        var now = all.FirstOrDefault(s => s.Id.Value == snapshot) ?? throw new ArgumentException($"No snapshot {snapshot}.");
        var before = all.Where(s => s.Dataset == now.Dataset && Dated(s) < since).OrderByDescending(Dated).ThenByDescending(s => s.Id.Value).FirstOrDefault();
        if (before is null) return null;
        if (before.Id == now.Id) return new HashSet<string>();
        var key = (before.Id.Value, snapshot);
        var compared = _compared.GetOrAdd(key, k => new Lazy<Task<HashSet<string>>>(async () =>
        {
            var diff = await SnapshotDiff.CompareAsync(store, k.Before, k.Now, CancellationToken.None);
            return [.. diff.Added.Concat(diff.Changed).Select(e => e.SourceId)];
        }));
        try { return await compared.Value.WaitAsync(ct); }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _compared.TryRemove(key, out _); // a comparison that failed is tried again by the next request
            throw;
        }
    }

    /// <summary>When a snapshot began to say what it says: its publication day, else when it was imported.</summary>
    private static DateTimeOffset Dated(SnapshotInfo s) =>
        s.Published is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : s.ImportedAt;
}
