using Chokepoint.Core.Listings;
using Chokepoint.Core.Values;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Scoring;

namespace Chokepoint.Matching.Screening;

/// <summary>
/// Many parties' names (a counterparty register), normalised once and indexed by their words: the reverse of the
/// screening index. <see cref="Reaching"/> tells which parties the screener could retrieve a name of the given listed
/// entities for. A party outside that set cannot score on those entities, whatever weight the lists give its words,
/// so when a few entries change only the parties inside it need screening again. Each step mirrors one way
/// <see cref="Screener"/> retrieves a name (a shared token, a consonant skeleton, the consonants of romanised Arabic,
/// a typo neighbour, the name run together, an identifier), leaving out none of its cases and none of its limits that
/// would narrow the set: it can only err towards more parties, never fewer.
/// </summary>
public sealed class PartyNames
{
    private readonly string[] _tokens;                  // the register's distinct tokens
    private readonly int[][] _partiesOfToken;           // token → the parties whose name has it
    private readonly int[][] _tokensOfParty;            // party → its tokens, as screening reads them
    private readonly Dictionary<string, int> _tokenIds;
    private readonly bool[] _abjad;                     // per party: its name is romanised Arabic or Hebrew
    private readonly bool[] _single;                    // per party: its name has one distinct token
    private readonly Dictionary<string, List<int>> _bySkeleton = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byConsonants = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _byTrigram = new();   // with each token repeated as often as it has the trigram
    private readonly int[] _compact;                    // per party: a hash of its name run together (0: too short to count)
    private readonly Dictionary<string, List<int>> _byIdentifier = new(StringComparer.Ordinal);

    public int Count => _abjad.Length;

    private PartyNames(int count, Func<int, PartyQuery> party)
    {
        _abjad = new bool[count];
        _single = new bool[count];
        _tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var partiesOfToken = new List<List<int>>();
        _tokensOfParty = new int[count][];
        _compact = new int[count];
        // Normalised in parallel a block at a time, so that a million keys are never held at once.
        const int Block = 65_536;
        var keys = new NameKey?[Math.Min(count, Block)];
        for (var p = 0; p < count; p++)
        {
            if (p % Block == 0)
                Parallel.For(p, Math.Min(count, p + Block), i =>
                {
                    var q = party(i);
                    keys[i - p] = string.IsNullOrWhiteSpace(q.Name) ? null : NameNormalizer.Normalize(q.Name, q.Kind == EntityKind.Person);
                });
            if (party(p).Identifier is { } identifier && !string.IsNullOrWhiteSpace(identifier)) Add(_byIdentifier, ScreeningIndex.IdentifierKey(identifier), p);
            if (keys[p % Block] is not { } key)
            {
                _tokensOfParty[p] = [];
                continue;
            }
            _abjad[p] = key.Abjad;
            // As screening reads a query: its first 16 distinct tokens.
            var tokens = key.Tokens.Distinct().Take(16).ToArray();
            _single[p] = tokens.Length == 1;
            _tokensOfParty[p] = new int[tokens.Length];
            for (var q = 0; q < tokens.Length; q++)
            {
                var token = tokens[q];
                if (!_tokenIds.TryGetValue(token, out var id))
                {
                    _tokenIds[token] = id = partiesOfToken.Count;
                    partiesOfToken.Add([]);
                }
                partiesOfToken[id].Add(p);
                _tokensOfParty[p][q] = id;
            }
            if (key.Compact.Length >= 5) _compact[p] = CompactHash(key.Compact);
        }
        _tokens = new string[_tokenIds.Count];
        foreach (var (token, id) in _tokenIds) _tokens[id] = token;
        _partiesOfToken = [.. partiesOfToken.Select(l => l.ToArray())];
        for (var id = 0; id < _tokens.Length; id++)
        {
            var token = _tokens[id];
            if (token.Length >= 3) Add(_bySkeleton, Similarity.Skeleton(token), id);
            if (ScreeningIndex.ConsonantKey(token) is { } c) Add(_byConsonants, c, id);
            if (token.Length >= 4) foreach (var g in ScreeningIndex.Trigrams(token)) Add(_byTrigram, g, id);
        }
    }

    /// <summary>Normalises the names of <paramref name="count"/> parties (in parallel) and indexes the words;
    /// <paramref name="party"/> gives the party at a position.</summary>
    public static PartyNames Build(int count, Func<int, PartyQuery> party) => new(count, party);

    public static PartyNames Build(IReadOnlyList<PartyQuery> parties) => new(parties.Count, i => parties[i]);

    /// <summary>
    /// The parties (by their position in the list built from) that <paramref name="index"/>'s screener could retrieve
    /// a name of the listed <paramref name="entries"/> for, screening with <paramref name="options"/>: every party that
    /// could have a hit on one of them. Three steps: the parties having a word that stands for a word of those names;
    /// of these, the ones whose screening would walk that word's names (screening walks a query's rarest words first
    /// and stops when the rest cannot carry a name far enough: "trading" in "Alfa Trading LLC" finds no name that
    /// lacks "alfa"); of these, the ones one of those names gives a hit, scored as screening scores it.
    /// <paramref name="party"/> gives the party at a position, as built.
    /// </summary>
    public IReadOnlySet<int> Reaching(ScreeningIndex index, IEnumerable<(SnapshotId Snapshot, string SourceId)> entries, ScreenOptions options, Func<int, PartyQuery> party)
    {
        var (reached, byWord, hot) = Sharing(index, entries);
        var reach = Screener.Reach(options);
        var similar = new System.Collections.Concurrent.ConcurrentDictionary<(int, bool), (int, float)[]>();
        var walks = byWord.Where(p => !reached.Contains(p)).ToArray().AsParallel().Where(p =>
        {
            var tokens = _tokensOfParty[p];
            var (expansions, queryWeight) = Screener.Expand(index, [.. tokens.Select(t => _tokens[t])], _abjad[p],
                (token, abjad) => similar.GetOrAdd((_tokenIds[token], abjad), _ => Screener.Similar(index, token, abjad)));
            // The changed names the walk can find: screening walks every word of a romanised Arabic or Hebrew name, and
            // falls back to every word spelt exactly when all are common; else at most every name of the postings
            // walked so far has been found, and if the walk stops even then, it stops.
            var names = new HashSet<int>();
            if (expansions.Count == 0)
            {
                foreach (var t in tokens)
                    if (index.Vocabulary.TryGetValue(_tokens[t], out var id) && hot.TryGetValue(id, out var exact)) names.UnionWith(exact);
            }
            var found = 0L;
            for (var walked = 0; walked < expansions.Count; walked++)
            {
                if (!_abjad[p] && Screener.StopsAt(expansions, walked, tokens.Length, (int)Math.Min(found, int.MaxValue), reach, queryWeight)) break;
                if (hot.TryGetValue(expansions[walked].TokenId, out var some)) names.UnionWith(some);
                found += expansions[walked].Postings;
            }
            // Of those, one must give a hit when scored as screening scores it.
            return names.Count > 0 && Screener.HitsAny(index, party(p), options, names);
        }).ToList();
        reached.UnionWith(walks);
        return reached;
    }

    /// <summary>The first step: the parties reached by a name run together or an identifier (certain), those having a
    /// word that stands for a word of the entries' names (by word), and the listed tokens of those names (hot).</summary>
    private (HashSet<int> Certain, HashSet<int> ByWord, Dictionary<int, List<int>> Hot) Sharing(ScreeningIndex index, IEnumerable<(SnapshotId Snapshot, string SourceId)> entries)
    {
        var wanted = entries.ToHashSet();
        var entities = new HashSet<int>();
        for (var e = 0; e < index.Entities.Length; e++)
            if (wanted.Contains((index.Entities[e].Snapshot.Id, index.Entities[e].Entity.SourceId))) entities.Add(e);
        var certain = new HashSet<int>();
        var reached = new HashSet<int>();
        var hot = new Dictionary<int, List<int>>();
        for (var n = 0; n < index.Names.Length; n++)
        {
            if (!entities.Contains(index.Names[n].Entity)) continue;
            foreach (var t in index.Names[n].TokenIds.Distinct()) Add(hot, t, n);
            var compact = index.Names[n].Key.Compact;
            if (compact.Length >= 5) certain.UnionWith(RunTogether(compact));
        }
        foreach (var e in entities)
            foreach (var key in index.Entities[e].IdentifierKeys)
                if (_byIdentifier.TryGetValue(key, out var same)) certain.UnionWith(same);

        // A token in over 5% of the names selects candidates only when it is the query's only token, or when the query
        // has no rarer one (then by its exact spelling): screening's own rule.
        var common = index.Names.Length / 20;
        var counts = new Dictionary<int, int>();
        foreach (var h in hot.Keys)
        {
            var listed = index.Tokens[h];
            var rare = index.Postings[h].Length <= common;
            void Reach(int token, Func<int, bool>? also = null)
            {
                foreach (var p in _partiesOfToken[token])
                    if ((rare || _single[p]) && (also is null || also(p))) reached.Add(p);
            }
            if (_tokenIds.TryGetValue(listed, out var self)) reached.UnionWith(_partiesOfToken[self]);
            // Same consonant skeleton (every listed token with it, not only the 32 a query looks at).
            if (listed.Length >= 3 && _bySkeleton.TryGetValue(Similarity.Skeleton(listed), out var skeletal))
                foreach (var t in skeletal) Reach(t);
            // Same consonants, for romanised Arabic or Hebrew names.
            if (listed.Length >= 2 && ScreeningIndex.ConsonantKey(listed) is { } c && _byConsonants.TryGetValue(c, out var consonantal))
                foreach (var t in consonantal) Reach(t, p => _abjad[p]);
            // A typo away from an unknown token: half its trigrams shared (those in at most 1,500 listed tokens, as
            // screening counts them) and Jaro-Winkler at least 0.85.
            if (listed.Length < 4) continue;
            counts.Clear();
            foreach (var g in ScreeningIndex.Trigrams(listed))
                if (index.TrigramTokens.TryGetValue(g, out var ids) && ids.Length <= ScreeningIndex.CommonTrigram && _byTrigram.TryGetValue(g, out var tokens))
                    foreach (var t in tokens) counts[t] = counts.GetValueOrDefault(t) + 1;
            foreach (var (t, shared) in counts)
            {
                var token = _tokens[t];
                if (shared * 2 >= token.Length && !index.Vocabulary.ContainsKey(token) && Similarity.JaroWinkler(token, listed) >= ScreeningIndex.TypoSimilarity) Reach(t);
            }
        }
        // A typo away from a known token: the neighbours the index found for it when it was built.
        for (var t = 0; t < _tokens.Length; t++)
        {
            if (!index.Vocabulary.TryGetValue(_tokens[t], out var id) || index.KnownNeighbours[id] is not { } neighbours) continue;
            foreach (var (neighbour, _) in neighbours)
                if (hot.ContainsKey(neighbour))
                    foreach (var p in _partiesOfToken[t])
                        if (index.Postings[neighbour].Length <= common || _single[p]) reached.Add(p);
        }
        return (certain, reached, hot);
    }

    /// <summary>The parties whose name run together is <paramref name="compact"/>: their first word begins it, and
    /// the hashes agree (a collision only adds a party). Kept as a hash per party rather than a map of strings: a
    /// million names run together would be the largest part of this index.</summary>
    private IEnumerable<int> RunTogether(string compact)
    {
        var hash = CompactHash(compact);
        for (var length = 1; length <= compact.Length; length++)
            if (_tokenIds.TryGetValue(compact[..length], out var first))
                foreach (var p in _partiesOfToken[first])
                    if (_compact[p] == hash && _tokensOfParty[p][0] == first) yield return p;
    }

    private static int CompactHash(string compact) => string.GetHashCode(compact, StringComparison.Ordinal) | 1;

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int value) where TKey : notnull => ScreeningIndex.Add(map, key, value);
}
