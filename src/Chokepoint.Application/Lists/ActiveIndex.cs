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
}
