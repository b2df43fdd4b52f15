using System.Text.Json.Nodes;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Sources.Snapshots;

/// <summary>One entry that differs between two snapshots.</summary>
public sealed record DiffEntry(string SourceId, string Name, IReadOnlyList<string> Programmes, IReadOnlyList<string> ChangedFields);

/// <summary>Added, removed and changed counts for one programme. An entry under several programmes counts under each.</summary>
public sealed record ProgrammeDiff(string Programme, int Added, int Removed, int Changed);

public sealed record DiffResult(
    SnapshotInfo Old,
    SnapshotInfo New,
    IReadOnlyList<DiffEntry> Added,
    IReadOnlyList<DiffEntry> Removed,
    IReadOnlyList<DiffEntry> Changed,
    IReadOnlyList<ProgrammeDiff> ByProgramme,
    IReadOnlyDictionary<string, int> ChangedFieldCounts);

/// <summary>
/// Compares two snapshots entry by entry, keyed on the publisher's id: an id only in the new one was added, only in the
/// old one removed; in both with a different digest, changed, with the fields that differ (names, identifiers,
/// addresses ...). Added and changed entries count under their new programmes, removed ones under their old.
/// </summary>
public static class SnapshotDiff
{
    public static async Task<DiffResult> CompareAsync(ISnapshotStore store, long oldId, long newId, CancellationToken ct)
    {
        var oldInfo = await store.GetAsync(oldId, ct).ConfigureAwait(false) ?? throw new ArgumentException($"No snapshot {oldId}.", nameof(oldId));
        var newInfo = await store.GetAsync(newId, ct).ConfigureAwait(false) ?? throw new ArgumentException($"No snapshot {newId}.", nameof(newId));
        if (oldInfo.Dataset != newInfo.Dataset)
            throw new ArgumentException($"Snapshot {oldId} is {oldInfo.Dataset} and {newId} is {newInfo.Dataset}; only snapshots of one dataset can be compared.");
        var before = new Dictionary<string, StoredEntity>(StringComparer.Ordinal);
        await foreach (var e in store.ReadEntitiesAsync(oldId, ct).ConfigureAwait(false)) before[e.Entity.SourceId] = e;

        List<DiffEntry> added = [], changed = [];
        var programmes = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var fieldCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var now in store.ReadEntitiesAsync(newId, ct).ConfigureAwait(false))
        {
            var id = now.Entity.SourceId;
            if (!before.Remove(id, out var was))
            {
                added.Add(Entry(now.Entity, []));
                Count(programmes, now.Entity, 0);
            }
            else if (was.Digest != now.Digest)
            {
                var fields = ChangedFields(was.Entity, now.Entity);
                changed.Add(Entry(now.Entity, fields));
                Count(programmes, now.Entity, 2);
                foreach (var f in fields) fieldCounts[f] = fieldCounts.GetValueOrDefault(f) + 1;
            }
        }
        var removed = before.Values.Select(v => Entry(v.Entity, [])).OrderBy(e => e.SourceId, StringComparer.Ordinal).ToList();
        foreach (var r in before.Values) Count(programmes, r.Entity, 1);
        return new DiffResult(oldInfo, newInfo, added, removed, changed,
            programmes.Select(p => new ProgrammeDiff(p.Key, p.Value[0], p.Value[1], p.Value[2])).ToList(), fieldCounts);
    }

    /// <summary>Top-level fields of the stored form whose JSON differs.</summary>
    internal static IReadOnlyList<string> ChangedFields(ListedEntity a, ListedEntity b)
    {
        var x = JsonNode.Parse(ListingJson.Serialize(a))!.AsObject();
        var y = JsonNode.Parse(ListingJson.Serialize(b))!.AsObject();
        return x.Select(p => p.Key).Union(y.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(x[k], y[k]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static DiffEntry Entry(ListedEntity e, IReadOnlyList<string> fields) => new(e.SourceId, e.PrimaryName, e.Programmes, fields);

    private static void Count(SortedDictionary<string, int[]> programmes, ListedEntity e, int slot)
    {
        foreach (var p in e.Programmes.DefaultIfEmpty("(none)"))
        {
            if (!programmes.TryGetValue(p, out var counts)) programmes[p] = counts = new int[3];
            counts[slot]++;
        }
    }
}
