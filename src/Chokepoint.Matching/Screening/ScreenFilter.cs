using Chokepoint.Core.Values;
using Chokepoint.Matching.Indexing;

namespace Chokepoint.Matching.Screening;

/// <summary>
/// A request's list and programme filter checked against what the index holds: every name must be a loaded dataset,
/// a collection (<see cref="ListCollections"/>), a source list or a programme, and the filter must leave something to
/// screen. Otherwise <see cref="UnknownScreeningFilterException"/>: a typo never turns into "no hit".
/// </summary>
public sealed class ScreenFilter
{
    private readonly HashSet<string>? _lists;
    private readonly HashSet<string>? _programmes;

    private ScreenFilter(HashSet<string>? lists, HashSet<string>? programmes, IReadOnlyList<SnapshotId> snapshots)
    {
        _lists = lists;
        _programmes = programmes;
        Snapshots = snapshots;
    }

    /// <summary>The snapshots the filter lets screening look at: exactly those the answer names.</summary>
    public IReadOnlyList<SnapshotId> Snapshots { get; }

    public bool IsEmpty => _lists is null && _programmes is null;

    internal bool Wants(IndexedEntity e) =>
        (_lists is null || _lists.Contains(e.Snapshot.Dataset) || _lists.Contains(e.Entity.SourceList))
        && (_programmes is null || e.Entity.Programmes.Any(_programmes.Contains));

    public static ScreenFilter Resolve(ScreeningIndex index, IReadOnlyCollection<string> lists, IReadOnlyCollection<string> programmes)
    {
        if (lists.Count == 0 && programmes.Count == 0) return new ScreenFilter(null, null, index.SnapshotIds);
        HashSet<string>? wantedLists = null;
        if (lists.Count > 0)
        {
            wantedLists = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in lists)
            {
                if (name == ListCollections.Default) { wantedLists = null; break; }
                if (ListCollections.All.TryGetValue(name, out var members))
                {
                    var loaded = members.Where(index.Datasets.Contains).ToList();
                    if (loaded.Count == 0)
                        throw new UnknownScreeningFilterException($"the collection '{name}' ({string.Join(", ", members)}) has none of its lists loaded; loaded: {string.Join(", ", index.Datasets.Order(StringComparer.Ordinal))}", name);
                    wantedLists.UnionWith(loaded);
                }
                else if (index.Datasets.Contains(name) || index.SourceLists.Contains(name)) wantedLists.Add(name);
                else throw new UnknownScreeningFilterException(
                    $"unknown list '{name}'. Known: collections {string.Join(", ", ListCollections.All.Keys.Prepend(ListCollections.Default))}; " +
                    $"datasets {string.Join(", ", index.Datasets.Order(StringComparer.Ordinal))}; source lists {string.Join("; ", index.SourceLists.Order(StringComparer.Ordinal))}", name);
            }
        }
        HashSet<string>? wantedProgrammes = null;
        if (programmes.Count > 0)
        {
            var unknown = programmes.Where(p => !index.Programmes.Contains(p)).ToList();
            if (unknown.Count > 0)
                throw new UnknownScreeningFilterException(
                    $"unknown programme{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Known: {string.Join(", ", index.Programmes.Order(StringComparer.Ordinal))}", unknown[0]);
            wantedProgrammes = [.. programmes];
        }
        var filter = new ScreenFilter(wantedLists, wantedProgrammes, []);
        var snapshots = index.Entities.Where(filter.Wants).Select(e => e.Snapshot.Id).Distinct().Order().ToList();
        if (snapshots.Count == 0)
            throw new UnknownScreeningFilterException(
                $"no listed entry is under both the lists ({string.Join(", ", lists)}) and the programmes ({string.Join(", ", programmes)}) asked for: there is nothing to screen against", lists.Concat(programmes).First());
        return new ScreenFilter(wantedLists, wantedProgrammes, snapshots);
    }
}

/// <summary>A list, collection or programme filter that names something the index does not hold, or that leaves
/// nothing to screen. A bad request (HTTP 400, exit 1), never an empty answer.</summary>
public sealed class UnknownScreeningFilterException(string message, string name) : ArgumentException(message)
{
    /// <summary>The first name that was not found.</summary>
    public string Name { get; } = name;
}
