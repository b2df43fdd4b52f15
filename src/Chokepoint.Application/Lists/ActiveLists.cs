using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Screening;
using Chokepoint.Storage;

namespace Chokepoint.Application.Lists;

/// <summary>
/// The screener over a database's active snapshots, for every host: built from the store, swapped whole when lists
/// change (a reload, a snapshot activated by hand), and refusing to screen while no list is loaded.
/// </summary>
public class ActiveLists(string? database)
{
    public Screener Screener { get; } = new();

    public bool Ready => Screener.Index is { EntityCount: > 0 };

    /// <summary>A screener over the store's active snapshots, or null when none is loaded (screening then refuses).</summary>
    public static async Task<Screener?> LoadAsync(ISnapshotStore store, CancellationToken ct)
    {
        var index = await ActiveIndex.BuildAsync(store, ct).ConfigureAwait(false);
        if (index.EntityCount == 0) return null;
        var screener = new Screener();
        screener.Load(index);
        return screener;
    }

    /// <summary>The snapshot store these lists are read from, for work beside screening (diffs, replays, monitoring).</summary>
    public Task<ISnapshotStore> OpenStoreAsync(CancellationToken ct) => SnapshotStores.OpenAsync(database, ct);

    /// <summary>Rebuilds the index from the active snapshots and swaps it in; returns how many entities it holds.</summary>
    public async Task<int> ReloadAsync(CancellationToken ct)
    {
        await using var store = await SnapshotStores.OpenAsync(database, ct).ConfigureAwait(false);
        var index = await ActiveIndex.BuildAsync(store, ct).ConfigureAwait(false);
        if (index.EntityCount > 0) Screener.Load(index);
        return index.EntityCount;
    }

    /// <summary>Makes a snapshot serve by hand and reloads; (null, null) when there is no such snapshot.</summary>
    public async Task<(SnapshotInfo? Activated, SnapshotInfo? Before)> ActivateAsync(long id, string reason, CancellationToken ct)
    {
        SnapshotInfo? before;
        SnapshotInfo? activated;
        await using (var store = await SnapshotStores.OpenAsync(database, ct).ConfigureAwait(false))
        {
            var target = await store.GetAsync(id, ct).ConfigureAwait(false);
            if (target is null) return (null, null);
            before = target.Active ? target : await store.ActivateAsync(id, reason, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            activated = await store.GetAsync(id, ct).ConfigureAwait(false);
        }
        await ReloadAsync(ct).ConfigureAwait(false);
        return (activated, before);
    }
}
