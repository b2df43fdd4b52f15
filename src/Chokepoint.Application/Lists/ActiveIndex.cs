using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Storage;

namespace Chokepoint.Application.Lists;

/// <summary>Builds the screening index from the active snapshot of every dataset in a store.</summary>
public static class ActiveIndex
{
    public static async Task<ScreeningIndex> BuildAsync(ISnapshotStore store, CancellationToken ct)
    {
        var entities = new List<(SnapshotInfo, ListedEntity)>();
        foreach (var snapshot in await store.ListAsync(activeOnly: true, ct).ConfigureAwait(false))
            await foreach (var stored in store.ReadEntitiesAsync(snapshot.Id, ct).ConfigureAwait(false))
                entities.Add((snapshot, stored.Entity));
        return ScreeningIndex.Build(entities);
    }

    /// <summary>The index over exactly these snapshots, active or not: a stored screening's lists, or those of a past day.</summary>
    public static async Task<ScreeningIndex> BuildAsync(ISnapshotStore store, IEnumerable<long> snapshotIds, CancellationToken ct)
    {
        var entities = new List<(SnapshotInfo, ListedEntity)>();
        foreach (var id in snapshotIds.Distinct())
        {
            var snapshot = await store.GetAsync(id, ct).ConfigureAwait(false) ?? throw new ArgumentException($"There is no snapshot {id} in {store.Description}.");
            await foreach (var stored in store.ReadEntitiesAsync(id, ct).ConfigureAwait(false))
                entities.Add((snapshot, stored.Entity));
        }
        return ScreeningIndex.Build(entities);
    }
}
