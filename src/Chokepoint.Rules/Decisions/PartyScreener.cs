using Chokepoint.Core.Values;
using System.Collections.Concurrent;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Rules.Decisions;

/// <summary>
/// Screens shipment parties with the screening engine (RF13) and remembers the answers for the index they came from:
/// exporters ship to the same customers again and again, and a party's hits only change when the lists do. The memory is
/// dropped whole when a new index is loaded, and bounded, so it can never serve a stale or unbounded answer.
/// Screening fails closed: with no list loaded, <see cref="ScreeningUnavailableException"/> propagates.
/// </summary>
public sealed class PartyScreener(Screener screener, ScreenOptions? options = null, int capacity = 100_000)
{
    /// <summary>How low a decision screens: below the alert threshold (0.80) down to here, a hit is a possible match to
    /// resolve (RF13), so that a party written differently from its listing is not passed over in silence.</summary>
    public static readonly Score NearMatch = new(0.70);

    private readonly ScreenOptions _options = options ?? new ScreenOptions { Limit = 5, Threshold = NearMatch };
    private ConcurrentDictionary<PartyQuery, IReadOnlyList<ScreenHit>> _memory = new();
    private ScreeningIndex? _memoryIndex;
    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, on every call.
    private int _remembered;

    public Screener Screener => screener;
    public ScreenOptions Options => _options;

    public IReadOnlyList<ScreenHit> Screen(PartyQuery query)
    {
        var index = screener.Index ?? throw new ScreeningUnavailableException("No list is loaded, so no party can be cleared: import lists first (chokepoint lists update).");
        var memory = _memory;
        if (!ReferenceEquals(_memoryIndex, index) || Volatile.Read(ref _remembered) >= capacity)
        {
            memory = new ConcurrentDictionary<PartyQuery, IReadOnlyList<ScreenHit>>();
            (_memory, _memoryIndex, _remembered) = (memory, index, 0);
        }
        if (memory.TryGetValue(query, out var hits)) return hits;
        hits = screener.Screen(query, _options).Hits;
        if (memory.TryAdd(query, hits)) Interlocked.Increment(ref _remembered);
        return hits;
    }

    public IReadOnlyList<SnapshotId> Snapshots => screener.Index?.SnapshotIds ?? [];

    public static PartyQuery Query(string name, string? kind, string? country, string? identifier) =>
        new(name, kind == "person" ? EntityKind.Person : EntityKind.Organization, country, null, identifier);
}
