using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Scoring;

namespace Chokepoint.Matching.Indexing;

/// <summary>An entity as the index holds it: the entity, its snapshot, and its qualifiers in comparable form.</summary>
internal sealed record IndexedEntity(ListedEntity Entity, SnapshotInfo Snapshot, string[] CountryCodes, string[] IdentifierKeys);

/// <summary>One name variant of an entity, normalised once at build time.</summary>
internal sealed record IndexedName(int Entity, string Value, NameType Type, NameKey Key, int[] TokenIds);

/// <summary>
/// The in-memory index screening runs on, built from the active snapshots and never changed afterwards (a new
/// snapshot builds a new index, swapped in whole). Candidate retrieval goes through token postings, consonant
/// skeletons (transliteration variants), trigrams over the token vocabulary (typos), names run together (CJK
/// syllables) and identifiers, so a query touches a small part of the list, never all of it.
/// </summary>
public sealed class ScreeningIndex
{
    internal IndexedEntity[] Entities { get; }
    internal IndexedName[] Names { get; }
    internal Dictionary<string, int> Vocabulary { get; }
    internal string[] Tokens { get; }
    internal float[] Idf { get; }
    internal int[][] Postings { get; }
    internal Dictionary<string, int[]> SkeletonTokens { get; }

    /// <summary>Tokens by their consonants alone (no leading vowel), for names romanised from Arabic or Hebrew; a single
    /// consonant is a key for short tokens only ("zyz" عزيز / "aziz", "ly" علي / "ali").</summary>
    internal Dictionary<string, int[]> ConsonantTokens { get; }
    internal Dictionary<int, int[]> TrigramTokens { get; }
    internal Dictionary<string, int[]> CompactNames { get; }
    internal Dictionary<string, int[]> IdentifierEntities { get; }
    internal float MaxIdf { get; }

    /// <summary>Per name, the summed IDF of its tokens: how much a candidate's unmatched words can weigh against it.</summary>
    internal float[] NameWeight { get; }

    /// <summary>
    /// Per known token, its typo neighbours in the vocabulary when it is long and rare (a name seen once or twice),
    /// else null: common tokens have their variants listed beside them already, and their neighbourhoods are large.
    /// Found once here rather than at every query that uses the token.
    /// </summary>
    internal (int TokenId, float Similarity)[]?[] KnownNeighbours { get; }

    /// <summary>Per name, the weight of each of its tokens, as the scorer reads them.</summary>
    internal TokenWeights[] TokenWeights { get; }

    public IReadOnlyList<SnapshotInfo> Snapshots { get; }

    /// <summary>The ids of <see cref="Snapshots"/>, which every screening result names.</summary>
    public IReadOnlyList<SnapshotId> SnapshotIds { get; }
    /// <summary>The datasets, source lists and programmes the index holds: what a screening filter may name.</summary>
    public IReadOnlySet<string> Datasets { get; }
    public IReadOnlySet<string> SourceLists { get; }
    public IReadOnlySet<string> Programmes { get; }

    /// <summary>Filters already resolved against this index, by their text: a client repeats the same few.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, Screening.ScreenFilter> Filters { get; } = new(StringComparer.Ordinal);

    public int EntityCount => Entities.Length;

    private Dictionary<(long Snapshot, string Id), int>? _byEntry;

    /// <summary>A listed entry by its snapshot and id, for what a hit does not carry (an Entity List entry's own
    /// licence requirement). The lookup is made on first use: screening itself never needs it.</summary>
    public ListedEntity? Entry(long snapshot, string entityId)
    {
        var byEntry = _byEntry;
        if (byEntry is null)
        {
            byEntry = new Dictionary<(long, string), int>(Entities.Length);
            for (var e = 0; e < Entities.Length; e++) byEntry.TryAdd((Entities[e].Snapshot.Id.Value, Entities[e].Entity.SourceId), e);
            _byEntry = byEntry; // a race builds it twice, never half
        }
        return byEntry.TryGetValue((snapshot, entityId), out var i) ? Entities[i].Entity : null;
    }
    public int NameCount => Names.Length;
    public int TokenCount => Tokens.Length;

    private ScreeningIndex(IndexedEntity[] entities, IndexedName[] names, Dictionary<string, int> vocabulary, List<List<int>> postings, IReadOnlyList<SnapshotInfo> snapshots)
    {
        Entities = entities;
        Names = names;
        Vocabulary = vocabulary;
        Snapshots = snapshots;
        SnapshotIds = snapshots.Select(s => s.Id).ToList();
        Datasets = entities.Select(e => e.Snapshot.Dataset.Value).ToHashSet(StringComparer.Ordinal);
        SourceLists = entities.Select(e => e.Entity.SourceList).ToHashSet(StringComparer.Ordinal);
        Programmes = entities.SelectMany(e => e.Entity.Programmes).ToHashSet(StringComparer.Ordinal);
        Tokens = new string[vocabulary.Count];
        foreach (var (t, id) in vocabulary) Tokens[id] = t;
        Postings = postings.Select(p => p.Distinct().ToArray()).ToArray();
        Idf = new float[Tokens.Length];
        for (var i = 0; i < Idf.Length; i++) Idf[i] = (float)Math.Log(1 + (double)names.Length / (1 + Postings[i].Length));
        MaxIdf = (float)Math.Log(1 + (double)names.Length);
        NameWeight = names.Select(n => n.Key.Tokens.Sum(t => (float)Weight(t))).ToArray();
        TokenWeights = names.Select(n => Scoring.TokenWeights.Of(n.Key, Weight)).ToArray();

        var skeletons = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var consonants = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var trigrams = new Dictionary<int, List<int>>();
        for (var id = 0; id < Tokens.Length; id++)
        {
            var token = Tokens[id];
            if (token.Length >= 3) Add(skeletons, Scoring.Similarity.Skeleton(token), id);
            if (token.Length >= 2 && ConsonantKey(token) is { } c) Add(consonants, c, id);
            if (token.Length >= 4) foreach (var g in Trigrams(token)) Add(trigrams, g, id);
        }
        // Commonest spelling first: a query looks at the first 32 only, and "aziz" must not lose its place to a rarity.
        SkeletonTokens = skeletons.ToDictionary(p => p.Key, p => ByFrequency(p.Value), StringComparer.Ordinal);
        ConsonantTokens = consonants.ToDictionary(p => p.Key, p => ByFrequency(p.Value), StringComparer.Ordinal);
        TrigramTokens = trigrams.ToDictionary(p => p.Key, p => p.Value.ToArray());

        KnownNeighbours = new (int, float)[]?[Tokens.Length];
        Parallel.For(0, Tokens.Length, id =>
        {
            if (Tokens[id].Length >= 6 && Postings[id].Length <= 2) KnownNeighbours[id] = TypoNeighbours(Tokens[id], id);
        });

        var compact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var n = 0; n < names.Length; n++)
            if (names[n].Key.Compact.Length >= 5) Add(compact, names[n].Key.Compact, n);
        CompactNames = compact.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        var ids = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < entities.Length; e++)
            foreach (var key in entities[e].IdentifierKeys) Add(ids, key, e);
        IdentifierEntities = ids.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
    }

    private int[] ByFrequency(List<int> tokens) => [.. tokens.OrderByDescending(t => Postings[t].Length).ThenBy(t => t)];

    /// <summary>A token's weight: its IDF, or the highest for a token no listed name has.</summary>
    internal double Weight(string token) => Vocabulary.TryGetValue(token, out var id) ? Idf[id] : MaxIdf;

    /// <summary>Builds the index from the entities of the snapshots that serve (normally the active one of each dataset).</summary>
    public static ScreeningIndex Build(IEnumerable<(SnapshotInfo Snapshot, ListedEntity Entity)> source)
    {
        var entities = new List<IndexedEntity>();
        var names = new List<IndexedName>();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<int>>();
        var snapshots = new Dictionary<long, SnapshotInfo>();
        var listed = source as IReadOnlyList<(SnapshotInfo Snapshot, ListedEntity Entity)> ?? source.ToList();
        // Normalising the names is most of the build, and each name on its own: done on every core.
        var keys = new NameKey[listed.Count][];
        Parallel.For(0, listed.Count, i =>
            keys[i] = [.. listed[i].Entity.Names.Select(n => NameNormalizer.Normalize(n.Value, listed[i].Entity.Kind == EntityKind.Person))]);
        for (var i = 0; i < listed.Count; i++)
        {
            var (snapshot, entity) = listed[i];
            snapshots.TryAdd(snapshot.Id, snapshot);
            var e = entities.Count;
            entities.Add(new IndexedEntity(entity, snapshot, CountryCodes(entity), IdentifierKeys(entity)));
            for (var k = 0; k < entity.Names.Count; k++)
            {
                var name = entity.Names[k];
                var key = keys[i][k];
                if (key.IsEmpty) continue;
                var tokenIds = new int[key.Tokens.Length];
                for (var t = 0; t < key.Tokens.Length; t++)
                {
                    if (!vocabulary.TryGetValue(key.Tokens[t], out var id))
                    {
                        vocabulary[key.Tokens[t]] = id = vocabulary.Count;
                        postings.Add([]);
                    }
                    tokenIds[t] = id;
                    postings[id].Add(names.Count);
                }
                names.Add(new IndexedName(e, name.Value, name.Type, key, tokenIds));
            }
        }
        return new ScreeningIndex([.. entities], [.. names], vocabulary, postings, snapshots.Values.OrderBy(s => s.Id).ToList());
    }

    /// <summary>Identifiers compared on letters and digits only, upper-cased: "92/664" and "92 664" are the same.</summary>
    internal static string IdentifierKey(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value) if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToUpperInvariant(c);
        var key = new string(buffer[..n]);
        return key.StartsWith("IMO", StringComparison.Ordinal) && key.Length == 10 ? key[3..] : key;
    }

    /// <summary>The consonants a token is filed and looked up under, for romanised Arabic or Hebrew; null when it has none
    /// worth a key (a single consonant is one only for a short token).</summary>
    internal static string? ConsonantKey(string token) =>
        Scoring.Similarity.Consonants(token) is { Length: >= 1 } c && (c.Length >= 2 || token.Length <= 5) ? c : null;

    /// <summary>A trigram in more listed tokens than this is not counted towards a typo match.</summary>
    internal const int CommonTrigram = 1500;

    /// <summary>The Jaro-Winkler similarity a typo neighbour needs.</summary>
    internal const double TypoSimilarity = 0.85;

    /// <summary>Vocabulary tokens within a typo of <paramref name="token"/> (half its trigrams shared, then
    /// Jaro-Winkler ≥ 0.85), with their similarity; <paramref name="self"/> is left out.</summary>
    internal (int TokenId, float Similarity)[] TypoNeighbours(string token, int self = -1)
    {
        var counts = Tally<int>.For(Tokens.Length);
        var grams = 0;
        foreach (var g in Trigrams(token))
        {
            grams++;
            // A trigram shared by thousands of tokens ("ova", "ich") says little and costs much.
            if (!TrigramTokens.TryGetValue(g, out var ids) || ids.Length > CommonTrigram) continue;
            foreach (var t in ids) counts.Add(t, 1);
        }
        var neighbours = new List<(int, float)>();
        foreach (var t in counts.Touched)
        {
            if (counts[t] * 2 < grams || t == self) continue;
            if (Scoring.Similarity.JaroWinkler(token, Tokens[t]) >= TypoSimilarity) neighbours.Add((t, (float)NameScorer.TokenSimilarity(token, Tokens[t], false)));
        }
        counts.Clear();
        return [.. neighbours];
    }

    /// <summary>Padded character trigrams of a token, as integers.</summary>
    internal static IEnumerable<int> Trigrams(string token)
    {
        var padded = $"^{token}$";
        for (var i = 0; i + 3 <= padded.Length; i++) yield return padded[i] | (padded[i + 1] << 8) | (padded[i + 2] << 16);
    }

    private static string[] CountryCodes(ListedEntity e) =>
        e.Nationalities.Concat(e.Countries).Concat(e.Addresses.Select(a => a.Country ?? ""))
            .Select(Countries.ToCode).OfType<string>().Distinct().ToArray();

    private static string[] IdentifierKeys(ListedEntity e) =>
        e.Identifiers.Select(i => IdentifierKey(i.Value)).Where(k => k.Length >= 5).Distinct().ToArray();

    internal static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
