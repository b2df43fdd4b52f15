using Chokepoint.Matching.Normalising;

namespace Chokepoint.Matching.Scoring;

/// <summary>
/// Scores two normalised names by the best one-to-one alignment of their tokens, each pair scored by Jaro-Winkler,
/// consonant skeleton (transliteration of scripts without vowels) or initial, and weighted by how rare the token is
/// (IDF). Missing middle names cost little, extra or missing distinctive tokens cost much; names run together
/// ("Abu Marzook" / "Abumarzook", "Xi Jinping" / "Xi Jin Ping") are compared whole as well. Numbers must agree.
/// </summary>
public static class NameScorer
{
    private const double AlignFloor = 0.78;
    private const int MaxTokens = 16;

    /// <summary>Weight of a token: its IDF in the index, or the maximum for a token the index has never seen.</summary>
    public delegate double TokenWeight(string token);

    public static NameMatch Score(NameKey query, NameKey candidate, TokenWeight weight, double numbersDiffer = 0.6) =>
        Score(query, TokenWeights.Of(query, weight), candidate, TokenWeights.Of(candidate, weight), numbersDiffer);

    /// <summary>Scores with the tokens' weights worked out beforehand: screening weighs each listed name once, when
    /// the index is built, and the query once, instead of looking every token up for every candidate.</summary>
    public static NameMatch Score(NameKey query, TokenWeights queryWeights, NameKey candidate, TokenWeights candidateWeights, double numbersDiffer = 0.6)
    {
        var notes = new List<string>(4);
        var score = Align(query.Tokens, queryWeights.Tokens, candidate.Tokens, candidateWeights.Tokens, query.Abjad || candidate.Abjad, notes);
        // A legal form recognised on one side only (misspelt: "Limtied", "Compnay") is compared as the words it is.
        if (query.LegalForms.Length != candidate.LegalForms.Length && (query.WithLegalForms.Length != query.Tokens.Length || candidate.WithLegalForms.Length != candidate.Tokens.Length))
        {
            var withForms = new List<string>(4);
            var alternative = Align(query.WithLegalForms, queryWeights.WithLegalForms, candidate.WithLegalForms, candidateWeights.WithLegalForms, query.Abjad || candidate.Abjad, withForms);
            if (alternative > score)
            {
                score = alternative;
                notes = withForms;
            }
        }
        return Finish(query, candidate, score, notes, numbersDiffer);
    }

    private static double Align(string[] queryTokens, float[] queryWeights, string[] candidateTokens, float[] candidateWeights, bool abjad, List<string> notes)
    {
        var q = queryTokens.AsSpan(0, Math.Min(queryTokens.Length, MaxTokens));
        var c = candidateTokens.AsSpan(0, Math.Min(candidateTokens.Length, MaxTokens));
        var qw = queryWeights.AsSpan(0, q.Length);
        var cw = candidateWeights.AsSpan(0, c.Length);
        double score = 0;
        if (q.Length > 0 && c.Length > 0)
        {
            Span<double> sims = stackalloc double[q.Length * c.Length];
            for (var i = 0; i < q.Length; i++)
            for (var j = 0; j < c.Length; j++)
                sims[i * c.Length + j] = AlignableSimilarity(q[i], c[j], abjad);

            Span<int> alignedTo = stackalloc int[q.Length];
            Span<bool> cUsed = stackalloc bool[c.Length];
            alignedTo.Fill(-1);
            // Greedy best-pair alignment: with names of a few tokens it equals the optimal assignment in practice.
            while (true)
            {
                double best = AlignFloor;
                int bi = -1, bj = -1;
                for (var i = 0; i < q.Length; i++)
                {
                    if (alignedTo[i] >= 0) continue;
                    for (var j = 0; j < c.Length; j++)
                        if (!cUsed[j] && sims[i * c.Length + j] >= best && (bi < 0 || sims[i * c.Length + j] > best)) (best, bi, bj) = (sims[i * c.Length + j], i, j);
                }
                if (bi < 0) break;
                alignedTo[bi] = bj;
                cUsed[bj] = true;
            }

            double matched = 0, candidateWeight = 0;
            bool typo = false, reordered = false, initial = false;
            var lastJ = -1;
            for (var i = 0; i < q.Length; i++)
            {
                var j = alignedTo[i];
                if (j < 0) continue;
                var s = sims[i * c.Length + j];
                var pair = ((double)qw[i] + cw[j]) / 2;
                matched += s * pair;
                candidateWeight += pair;
                if (s < 1) typo = true;
                if (q[i].Length == 1 || c[j].Length == 1) initial = true;
                if (j < lastJ) reordered = true;
                lastJ = j;
            }
            // Unmatched tokens of the listed name (middle names, a patronymic) count for a third when the query has at
            // least two tokens of its own; a one-token query matching one part of a longer name stays a weak match.
            var unmatchedFactor = q.Length >= 2 ? 0.35 : 1.0;
            double unmatchedCandidate = 0, unmatchedQuery = 0;
            for (var j = 0; j < c.Length; j++) if (!cUsed[j]) unmatchedCandidate += cw[j];
            // A patronymic the listed name leaves out is a middle name the list did not record, not a different name;
            // it follows a given name, so one standing first is not taken for one.
            for (var i = 0; i < q.Length; i++)
                if (alignedTo[i] < 0) unmatchedQuery += i > 0 && q.Length >= 3 && Patronymics.Is(q[i]) ? unmatchedFactor * qw[i] : qw[i];
            var denominator = candidateWeight + unmatchedQuery + unmatchedFactor * unmatchedCandidate;
            score = denominator <= 0 ? 0 : matched / denominator;
            if (reordered) notes.Add("name order differs");
            if (typo && !initial) notes.Add("spelling differs");
            if (initial) notes.Add("initial");
        }
        return score;
    }

    // Every candidate with a legal form gets this note, most of them never shown: one string per form, not per call.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AgreeingForms = new(StringComparer.Ordinal);

    private static string? SharedLegalForm(string[] a, string[] b)
    {
        foreach (var x in a)
            if (Array.IndexOf(b, x) >= 0) return x;
        return null;
    }

    private static NameMatch Finish(NameKey query, NameKey candidate, double score, List<string> notes, double numbersDiffer)
    {
        // Names run together or split differently: compare the whole strings.
        // The edit ratio is at most shorter / longer length: when that cannot reach 0.88, or beat the score already
        // found, the whole-string comparison (the costliest step) is skipped.
        var lengthBound = (double)Math.Min(query.Compact.Length, candidate.Compact.Length) / Math.Max(1, Math.Max(query.Compact.Length, candidate.Compact.Length));
        if (query.Compact.Length >= 5 && candidate.Compact.Length >= 5 && lengthBound >= 0.88 && lengthBound > score && query.Compact != candidate.Compact)
        {
            var whole = Similarity.Levenshtein(query.Compact, candidate.Compact);
            if (whole >= 0.88 && whole > score)
            {
                score = whole;
                notes.Add("spaces differ");
            }
        }
        if (query.Compact.Length > 0 && query.Compact == candidate.Compact) score = Math.Max(score, 1.0);

        if (query.Numbers.Length > 0 && candidate.Numbers.Length > 0 && !query.Numbers.Order(StringComparer.Ordinal).SequenceEqual(candidate.Numbers.Order(StringComparer.Ordinal)))
        {
            score *= numbersDiffer;
            notes.Add($"numbers differ ({string.Join(' ', query.Numbers)} / {string.Join(' ', candidate.Numbers)})");
        }
        if (SharedLegalForm(query.LegalForms, candidate.LegalForms) is { } form)
            notes.Add(AgreeingForms.GetOrAdd(form, f => $"legal form {f.ToUpperInvariant()} agrees"));
        if (query.Transliterated || candidate.Transliterated) notes.Add("via transliteration");
        return new NameMatch(Math.Clamp(score, 0, 1), notes);
    }

    /// <summary>
    /// <see cref="TokenSimilarity"/> where only values at or above the alignment floor matter: pairs that provably
    /// cannot reach it answer 0 without the costlier measures. The similarity is at most (1 + edit ratio) / 2, the edit
    /// ratio at most shorter / longer length, and the skeleton rule needs an edit ratio of 0.6; consonant-only
    /// comparison (abjad scripts) can lift any pair, so those are always computed in full.
    /// </summary>
    internal static double AlignableSimilarity(string a, string b, bool abjad)
    {
        if (!abjad && a.Length > 1 && b.Length > 1 && (1 + (double)Math.Min(a.Length, b.Length) / Math.Max(a.Length, b.Length)) / 2 < AlignFloor) return 0;
        return TokenSimilarity(a, b, abjad, alignableOnly: true);
    }

    /// <summary>Similarity of two tokens: Jaro-Winkler; the consonant skeleton where one side was written without
    /// vowels (Arabic, Hebrew) or the skeletons agree on a long token; an initial against a word it starts.</summary>
    internal static double TokenSimilarity(string a, string b, bool abjad, bool alignableOnly = false)
    {
        if (a == b) return 1;
        if (a.Length == 1 || b.Length == 1)
            return a[0] == b[0] ? 0.8 : 0;
        // Jaro-Winkler alone forgives too much when two words share a start ("rostekh"/"rostelekom" 0.89); the mean
        // with the edit-distance ratio keeps typos high (0.88 for "putn"/"putin") and different words low (0.75).
        var lev = Similarity.Levenshtein(a, b);
        if (alignableOnly && !abjad && (1 + lev) / 2 < AlignFloor) return 0;
        var sim = (Similarity.JaroWinkler(a, b) + lev) / 2;
        if (sim >= 0.97 || Math.Min(a.Length, b.Length) < 2) return sim;
        if (abjad)
        {
            // Lengths are not comparable here: the unwritten vowels make "zt" (عزت) the whole of "izzat".
            // Arabic and Hebrew leave short vowels unwritten and render ain as an apostrophe, which the normaliser
            // drops: compare consonants only, a leading vowel included ("abd" / "bd", "qusay" / "qsy").
            var ca = Similarity.Consonants(a);
            var cb = Similarity.Consonants(b);
            if (ca.Length >= 2 && ca == cb) return Math.Max(sim, 0.95);
            // Short names keep one consonant: علي "ly" / "ali", عدي "dy" / "uday", طه "th" / "taha", يحيى "yhya" / "yahia".
            if (ca.Length == 1 && ca == cb && Math.Max(a.Length, b.Length) <= 5) return Math.Max(sim, 0.85);
            if (ca.Length >= 3 && cb.Length >= 3) return Math.Max(sim, Similarity.JaroWinkler(ca, cb) * 0.92);
            return sim;
        }
        var comparable = Math.Min(a.Length, b.Length) * 2 >= Math.Max(a.Length, b.Length);
        if (!comparable) return sim;
        // Same consonant skeleton and close in spelling: a transliteration variant ("mohammed" / "muhammad"), not a
        // different name that happens to share consonants ("garcia" / "grace").
        if (lev >= 0.6 && Math.Min(a.Length, b.Length) >= 3 && Similarity.Skeleton(a) is { Length: >= 3 } sa && sa == Similarity.Skeleton(b))
            return Math.Max(sim, 0.9);
        return sim;
    }
}

/// <summary>The weights of a name's tokens in token order, for its words without and with their legal forms.</summary>
public sealed record TokenWeights(float[] Tokens, float[] WithLegalForms)
{
    public static TokenWeights Of(NameKey key, NameScorer.TokenWeight weight)
    {
        var tokens = Weigh(key.Tokens, weight);
        return new TokenWeights(tokens, ReferenceEquals(key.WithLegalForms, key.Tokens) ? tokens : Weigh(key.WithLegalForms, weight));
    }

    /// <summary>An initial says little whatever its rarity: its weight is capped.</summary>
    private static float[] Weigh(string[] tokens, NameScorer.TokenWeight weight) =>
        tokens.Select(t => (float)(t.Length == 1 ? Math.Min(weight(t), 1.5) : weight(t))).ToArray();
}
