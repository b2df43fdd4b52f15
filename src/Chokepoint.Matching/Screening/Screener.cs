using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Scoring;

namespace Chokepoint.Matching.Screening;

/// <summary>
/// Screens parties against the loaded index. The index is replaced whole when snapshots change (<see cref="Load"/>),
/// so a query always sees one consistent set of lists. With no index loaded every call throws
/// <see cref="ScreeningUnavailableException"/>: screening fails closed. Thread-safe.
/// </summary>
public sealed class Screener
{
    /// <summary>Names the matcher's behaviour in stored screenings: raised whenever a change can move a score or a
    /// hit (normalising, retrieval, weights), so that a replay can tell "a newer matcher" from "different lists".</summary>
    public const string Version = "2026.12.1";

    // At most 32 names are scored per query: the 12 most promising always, the rest only while their retrieval rank
    // is at least half the best one's (calibrated on the development set: docs/QUALITY.md, docs/BENCHMARKS.md).
    private const int Candidates = 32;
    private const int AlwaysScored = 12;
    private const float KeepFraction = 0.5f;
    private volatile ScreeningIndex? _index;

    public ScreeningIndex? Index => _index;

    /// <summary>Swaps in a new index atomically; queries already running finish on the old one.</summary>
    public void Load(ScreeningIndex index) => _index = index;

    public ScreenResult Screen(PartyQuery query, ScreenOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        var index = _index ?? throw new ScreeningUnavailableException("No list is loaded, so nobody can be cleared: import lists first (chokepoint lists update).");
        options ??= new ScreenOptions();
        Validate(query);
        var q = Prepared.Of(index, query);
        var filter = Filter(index, options);
        var candidates = Retrieve(index, q.Key, q.IdKey, options, filter);
        var best = new Dictionary<int, ScreenHit>();
        foreach (var n in candidates)
        {
            var hit = Hit(index, query, q, n, options);
            if (hit is null) continue;
            if (!best.TryGetValue(hit.Value.Entity, out var previous) || previous.Score < hit.Value.Hit.Score) best[hit.Value.Entity] = hit.Value.Hit;
        }
        var hits = best.Values.OrderByDescending(h => h.Score).ThenBy(h => h.EntityId, StringComparer.Ordinal).Take(options.Limit).ToList();
        return new ScreenResult(query, hits, filter.Snapshots, watch.Elapsed.TotalMicroseconds);
    }

    /// <summary>A query in the form the index compares: its name normalised, identifier, birth date, country, and the
    /// weights of its words.</summary>
    private sealed record Prepared(NameKey Key, string? IdKey, BirthDate? Birth, string? Country, TokenWeights Weights)
    {
        public static Prepared Of(ScreeningIndex index, PartyQuery query)
        {
            var key = NameNormalizer.Normalize(query.Name, query.Kind == EntityKind.Person);
            var idKey = string.IsNullOrWhiteSpace(query.Identifier) ? null : ScreeningIndex.IdentifierKey(query.Identifier);
            if (key.IsEmpty && string.IsNullOrEmpty(idKey))
                throw new ArgumentException("The name has no letters or digits to match on, and no identifier was given.");
            return new Prepared(key, idKey, Core.Listings.BirthDate.Parse(query.BirthDate), Countries.ToCode(query.Country), TokenWeights.Of(key, index.Weight));
        }
    }

    /// <summary>The hit listed name <paramref name="n"/> gives the query, if any: the one scoring path of every
    /// screening.</summary>
    private static (int Entity, ScreenHit Hit)? Hit(ScreeningIndex index, PartyQuery query, Prepared q, int n, ScreenOptions options)
    {
        var name = index.Names[n];
        var match = q.Key.IsEmpty ? new NameMatch(0, []) : ScoreName(q.Key, q.Weights, name.Key, index.TokenWeights[n], name.Type, options.Weights.NumbersDiffer);
        return Qualify(query, q.Key, q.IdKey, q.Birth, q.Country, name, index.Entities[name.Entity], match, options) is { } hit ? (name.Entity, hit) : null;
    }

    /// <summary>Whether any of the listed <paramref name="names"/> gives the query a hit, were it retrieved: what a
    /// screening could find among them at most (it may not retrieve them all). False for a query screening refuses.</summary>
    internal static bool HitsAny(ScreeningIndex index, PartyQuery query, ScreenOptions options, IEnumerable<int> names)
    {
        Prepared q;
        try
        {
            Validate(query);
            q = Prepared.Of(index, query);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return names.Any(n => Hit(index, query, q, n, options) is not null);
    }

    /// <summary>The request's list and programme filter checked against the loaded lists; throws
    /// <see cref="UnknownScreeningFilterException"/> for a name the lists do not hold. Batch callers check once up front.</summary>
    public ScreenFilter Filter(ScreenOptions options) =>
        Filter(_index ?? throw new ScreeningUnavailableException("No list is loaded, so nobody can be cleared: import lists first (chokepoint lists update)."), options);

    private static ScreenFilter Filter(ScreeningIndex index, ScreenOptions options)
    {
        if (options.Lists.Count == 0 && options.Programmes.Count == 0) return ScreenFilter.Resolve(index, [], []);
        var text = string.Join('\u001f', options.Lists) + '\u001e' + string.Join('\u001f', options.Programmes);
        if (index.Filters.TryGetValue(text, out var known)) return known;
        var filter = ScreenFilter.Resolve(index, options.Lists, options.Programmes);
        if (index.Filters.Count < 1024) index.Filters.TryAdd(text, filter);
        return filter;
    }

    /// <summary>
    /// Scores <paramref name="query"/> against <paramref name="listed"/> exactly as screening scores a query against a
    /// listed name: the same normalising, the same scorer, the loaded lists' word weights. Without an index every word
    /// weighs the same (uniform weights), which screening never does: callers say so.
    /// </summary>
    public static NameMatch Compare(ScreeningIndex? index, string query, string listed, EntityKind? kind = null, ScoreWeights? weights = null)
    {
        var person = kind == EntityKind.Person;
        var (q, l) = (NameNormalizer.Normalize(query, person), NameNormalizer.Normalize(listed, person));
        NameScorer.TokenWeight weight = index is null ? _ => 1.0 : index.Weight;
        return ScoreName(q, TokenWeights.Of(q, weight), l, TokenWeights.Of(l, weight), NameType.Primary, (weights ?? new ScoreWeights()).NumbersDiffer);
    }

    /// <summary>The name score of a query against one listed name: the one scoring path of screening and compare.</summary>
    private static NameMatch ScoreName(NameKey query, TokenWeights queryWeights, NameKey listed, TokenWeights listedWeights, NameType type, double numbersDiffer)
    {
        var match = NameScorer.Score(query, queryWeights, listed, listedWeights, numbersDiffer);
        // A weak alias only counts when it is the same name exactly: OFAC, the UN and OFSI say so.
        return type == NameType.WeakAlias && match.Score < 1 ? match with { Score = 0 } : match;
    }

    private static void Validate(PartyQuery query)
    {
        if (query.Name is { Length: > PartyQuery.MaxNameChars })
            throw new ArgumentException($"The name is {query.Name.Length:N0} characters long; at most {PartyQuery.MaxNameChars:N0} are accepted.");
        if (string.IsNullOrWhiteSpace(query.Name) && string.IsNullOrWhiteSpace(query.Identifier))
            throw new ArgumentException("A name (or an identifier) is required.");
        if (query.Identifier is { Length: > 200 })
            throw new ArgumentException("The identifier is longer than 200 characters.");
    }

    private static ScreenHit? Qualify(PartyQuery query, NameKey key, string? idKey, BirthDate? birth, string? country,
        IndexedName name, IndexedEntity entity, NameMatch match, ScreenOptions options)
    {
        var w = options.Weights;
        var score = match.Score;
        var id = Qualifiers.Identifier(idKey, entity);
        if (id is not null) score = Math.Max(score, w.IdentifierMatch);
        if (score <= 0 || score + w.BirthDateAgrees + w.CountryAgrees < options.Threshold) return null; // cannot reach the threshold
        var entityKind = entity.Entity.Kind;
        var kind = Qualifiers.Kind(query.Kind, entityKind, w);
        if (kind is not null) score *= w.KindMismatch;
        var dob = Qualifiers.BirthDate(birth, entity.Entity.BirthDates, w);
        score += dob?.Effect ?? 0;
        var c = Qualifiers.Country(country, entity, w);
        score += c?.Effect ?? 0;
        score = Math.Round(Math.Clamp(score, 0, 1), 4);
        if (score < options.Threshold) return null;

        // Only hits that are kept get their explanation written.
        var nameFeature = new Feature("name", match.Score, key.IsEmpty
            ? "no name given"
            : $"'{query.Name}' ~ '{name.Value}'{(match.Notes.Count > 0 ? " (" + string.Join(", ", match.Notes) + ")" : "")}");
        var features = new[] { nameFeature, id, kind, dob, c }.OfType<Feature>().ToList();
        var explanation = $"name {match.Score:F2}: {nameFeature.Detail}"
            + string.Concat(features.Skip(1).Select(f => "; " + f.Detail))
            + (birth is null && entity.Entity.BirthDates.Count > 0 && entityKind == EntityKind.Person ? "; " + ScreenHit.BirthDateNotGiven : "");
        return new ScreenHit(entity.Entity.SourceId, entity.Snapshot.Dataset, entity.Entity.SourceList, entity.Snapshot.Id,
            entity.Snapshot.Published, entityKind, entity.Entity.PrimaryName, name.Value, name.Type, score, explanation, features, entity.Entity.Programmes);
    }

    /// <summary>
    /// The names worth scoring: those sharing a rare enough token with the query (exactly, by skeleton, or within a
    /// typo by trigrams), the same name run together, or an identical identifier; ranked by the weight they share.
    /// </summary>
    private static IEnumerable<int> Retrieve(ScreeningIndex index, NameKey key, string? idKey, ScreenOptions options, ScreenFilter filter)
    {
        // The list and programme filters apply here, before the best names are chosen: filtering afterwards would let
        // names from other lists take every candidate place.
        var filtered = !filter.IsEmpty;
        bool Keep(int name) => !filtered || filter.Wants(index.Entities[index.Names[name].Entity]);
        var shared = Tally<float>.For(index.Names.Length);
        var tokens = key.Tokens.Distinct().Take(16).ToArray();
        var (expansions, queryWeight) = Expand(index, tokens, key.Abjad, (t, abjad) => SimilarTokens(index, t, abjad));
        var rareSeen = expansions.Count > 0;
        var reach = Reach(options);
        var walked = 0;
        for (; walked < expansions.Count; walked++)
        {
            var e = expansions[walked];
            if (!key.Abjad && StopsAt(expansions, walked, tokens.Length, shared.Touched.Count, reach, queryWeight)) break;
            foreach (var n in index.Postings[e.TokenId]) if (Keep(n)) shared.Add(n, e.Weight);
        }
        if (walked < expansions.Count)
        {
            var left = expansions.GetRange(walked, expansions.Count - walked);
            foreach (var n in shared.Touched)
                foreach (var tokenId in index.Names[n].TokenIds)
                    foreach (var e in left)
                        if (e.TokenId == tokenId) shared.Add(n, e.Weight);
        }
        if (!rareSeen)
        {
            // Only common tokens: fall back to them all, still bounded below.
            foreach (var token in tokens)
                if (index.Vocabulary.TryGetValue(token, out var id))
                    foreach (var n in index.Postings[id]) if (Keep(n)) shared.Add(n, index.Idf[id]);
        }
        if (key.Compact.Length >= 5 && index.CompactNames.TryGetValue(key.Compact, out var whole))
            foreach (var n in whole) if (Keep(n)) shared.Add(n, 100);
        var selected = Top(index, shared, queryWeight, Candidates);
        if (idKey is not null && index.IdentifierEntities.TryGetValue(idKey, out var entities))
        {
            var set = entities.ToHashSet();
            for (var n = 0; n < index.Names.Length && set.Count > 0; n++)
            {
                if (!set.Contains(index.Names[n].Entity) || !Keep(n)) continue;
                selected.Add(n);
                set.Remove(index.Names[n].Entity);
            }
        }
        return selected;
    }

    /// <summary>A listed token standing for query token <paramref name="QueryToken"/>, the weight a name sharing it
    /// gains, and how many names have it.</summary>
    internal readonly record struct Expansion(int QueryToken, int TokenId, float Weight, int Postings);

    /// <summary>
    /// The listed tokens a query's tokens (its first 16 distinct) stand for, rarest first, and the query's weight. A
    /// token in over 5% of names ("llc", "ali") does not select candidates on its own, unless it is the only one.
    /// <paramref name="similar"/> gives a token's <see cref="SimilarTokens"/> (a caller may keep them).
    /// </summary>
    internal static (List<Expansion> Expansions, float QueryWeight) Expand(ScreeningIndex index, string[] tokens, bool abjad,
        Func<string, bool, IEnumerable<(int TokenId, float Similarity)>> similar)
    {
        var common = index.Names.Length / 20;
        var expansions = new List<Expansion>();
        for (var q = 0; q < tokens.Length; q++)
            foreach (var (tokenId, similarity) in similar(tokens[q], abjad))
            {
                var length = index.Postings[tokenId].Length;
                if (length <= common || tokens.Length == 1) expansions.Add(new Expansion(q, tokenId, index.Idf[tokenId] * similarity, length));
            }
        // Rarest first. Once the tokens left could not make a name score half of the query on their own (or reach the
        // threshold, when that is lower), their long postings are not walked: they only add weight to the names
        // already found ("trading" in "Alfa Trading LLC" counts for the names that share "alfa", not for the
        // thousands of other traders). Not for names romanised from Arabic or Hebrew: their consonant-only matches are
        // loose enough that a name found through common words alone can still align well.
        expansions.Sort((a, b) => a.Postings.CompareTo(b.Postings));
        return (expansions, tokens.Sum(t => (float)index.Weight(t)));
    }

    /// <summary>The share of the query's weight a name must be able to gain from the expansions not yet walked.</summary>
    internal static float Reach(ScreenOptions options) =>
        (float)Math.Min(KeepFraction, options.Threshold - options.Weights.BirthDateAgrees - options.Weights.CountryAgrees);

    /// <summary>Whether the walk through the expansions stops at <paramref name="walked"/>, with
    /// <paramref name="touched"/> names found so far: its postings are longer than that, and the expansions left
    /// cannot carry a name to <paramref name="reach"/> of the query.</summary>
    internal static bool StopsAt(List<Expansion> expansions, int walked, int queryTokens, int touched, float reach, float queryWeight) =>
        touched < expansions[walked].Postings && LeftWeight(expansions, walked, queryTokens) < reach * queryWeight;

    /// <inheritdoc cref="SimilarTokens(ScreeningIndex, string, bool)"/>
    internal static (int TokenId, float Similarity)[] Similar(ScreeningIndex index, string token, bool abjad) => [.. SimilarTokens(index, token, abjad)];

    /// <summary>The most a name can share through the expansions from <paramref name="from"/> on: the best of each
    /// query token's.</summary>
    private static float LeftWeight(List<Expansion> expansions, int from, int queryTokens)
    {
        Span<float> best = stackalloc float[queryTokens];
        for (var i = from; i < expansions.Count; i++)
            best[expansions[i].QueryToken] = Math.Max(best[expansions[i].QueryToken], expansions[i].Weight);
        var sum = 0f;
        foreach (var w in best) sum += w;
        return sum;
    }

    /// <summary>The <paramref name="n"/> most promising names, without sorting them all; clears the weights.</summary>
    private static List<int> Top(ScreeningIndex index, Tally<float> shared, float queryWeight, int n)
    {
        var heap = new PriorityQueue<int, float>(n + 1);
        foreach (var name in shared.Touched)
        {
            // Ranked as the scorer will weigh it: the shared weight against the query's and a third of the candidate's
            // words left over, so that a short name containing the query beats a long one that merely mentions it.
            var s = shared[name];
            var w = s / (queryWeight + 0.35f * Math.Max(0, index.NameWeight[name] - s));
            if (heap.Count < n) heap.Enqueue(name, w);
            else if (heap.TryPeek(out _, out var least) && w > least) heap.EnqueueDequeue(name, w);
        }
        shared.Clear();
        var ranked = new List<(int Name, float Key)>(n);
        while (heap.TryDequeue(out var name, out var key)) ranked.Add((name, key));
        ranked.Reverse(); // best first
        // Past the first few, a candidate far behind the best one cannot become a hit: its words mostly do not match.
        var result = new List<int>(n);
        for (var i = 0; i < ranked.Count; i++)
            if (i < AlwaysScored || ranked[i].Key >= KeepFraction * ranked[0].Key) result.Add(ranked[i].Name);
        return result;
    }

    /// <summary>The vocabulary tokens a query token may stand for: itself, tokens with the same consonant skeleton,
    /// and, when it is not in the vocabulary, tokens within a typo (shared trigrams, then Jaro-Winkler).</summary>
    private static IEnumerable<(int TokenId, float Similarity)> SimilarTokens(ScreeningIndex index, string token, bool abjad)
    {
        var exact = index.Vocabulary.TryGetValue(token, out var id);
        if (exact) yield return (id, 1f);
        if (token.Length >= 3 && index.SkeletonTokens.TryGetValue(Similarity.Skeleton(token), out var sameSkeleton))
        {
            foreach (var other in sameSkeleton.Take(32))
                if (!exact || other != id) yield return (other, 0.9f);
        }
        // Romanised Arabic or Hebrew lacks the vowels, a leading one included ("zyz" عزيز / "aziz"): match consonants,
        // also when the romanised token is listed itself (other Arabic-script names have it), for the Latin spellings.
        if (abjad && ScreeningIndex.ConsonantKey(token) is { } consonants
            && index.ConsonantTokens.TryGetValue(consonants, out var sameConsonants))
        {
            foreach (var other in sameConsonants.Take(32))
                if (!exact || other != id) yield return (other, 0.85f);
        }
        // Typo neighbours are searched for unknown tokens, and for long known ones too: "rostekh" is in the lists,
        // but so is "rostec", the same name spelt another way. A known token's were found when the index was built.
        var neighbours = exact ? index.KnownNeighbours[id] : token.Length >= 4 ? index.TypoNeighbours(token) : null;
        if (neighbours is null) yield break;
        foreach (var n in neighbours) yield return n;
    }
}
