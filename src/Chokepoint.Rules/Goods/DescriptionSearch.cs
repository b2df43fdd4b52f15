using System.Text;
using Chokepoint.Rules.RuleData;

namespace Chokepoint.Rules.Goods;

/// <summary>
/// Ranks Annex I entries against a free-text description: BM25 over each entry's provisions, its heading counted twice
/// (the heading says what the entry is about), with trade words expanded to Annex I wording (goods-terms.tsv).
/// The best-scoring provision of an entry is the one quoted to the user.
/// </summary>
internal sealed class DescriptionSearch
{
    private const double K1 = 1.2, B = 0.75;
    private static readonly HashSet<string> Stopwords =
    [
        "a", "an", "and", "any", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "with",
        "following", "having", "than", "which", "all", "other", "not", "but", "are", "its", "their", "this", "that", "such",
        "specially", "designed", "equal", "less", "more", "greater", "see", "also", "note", "n", "b", "item", "items",
    ];

    private readonly AnnexI _annex;
    private readonly List<Dictionary<string, int>> _entryTerms = [];
    private readonly List<int> _entryLength = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;
    private readonly IReadOnlyList<(string Term, string Expansion)> _expansions;

    public DescriptionSearch(AnnexI annex)
    {
        _annex = annex;
        foreach (var e in annex.Entries)
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            var length = 0;
            for (var i = 0; i < e.Provisions.Count; i++)
                foreach (var t in Tokens(e.Provisions[i].Text))
                {
                    var weight = i == 0 ? 2 : 1;
                    terms[t] = terms.GetValueOrDefault(t) + weight;
                    length += weight;
                }
            _entryTerms.Add(terms);
            _entryLength.Add(length);
            foreach (var t in terms.Keys) _documentFrequency[t] = _documentFrequency.GetValueOrDefault(t) + 1;
        }
        _averageLength = _entryLength.Average();
        _expansions = RuleTable.Embedded("goods-terms.tsv").Rows.Select(r => (r["term"], r["expansion"])).ToList();
    }

    public IReadOnlyList<(ControlEntry Entry, double Score, Provision Quote)> Search(string description, int limit)
    {
        var query = Expand(description);
        var terms = Tokens(query).Distinct().Where(_documentFrequency.ContainsKey).ToList();
        if (terms.Count == 0) return [];
        var n = _annex.Entries.Count;
        double Idf(string t) => Math.Log(1 + (n - _documentFrequency[t] + 0.5) / (_documentFrequency[t] + 0.5));
        var scored = new List<(int Index, double Score)>();
        for (var i = 0; i < n; i++)
        {
            double score = 0;
            foreach (var t in terms)
            {
                if (!_entryTerms[i].TryGetValue(t, out var tf)) continue;
                score += Idf(t) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _entryLength[i] / _averageLength));
            }
            if (score > 0) scored.Add((i, score));
        }
        return scored.OrderByDescending(s => s.Score).Take(limit)
            .Select(s => (_annex.Entries[s.Index], Math.Round(s.Score, 3), BestProvision(_annex.Entries[s.Index], terms, Idf))).ToList();
    }

    /// <summary>The provision sharing the most weight with the query; among equals the deeper one, which is more precise.</summary>
    private static Provision BestProvision(ControlEntry entry, List<string> terms, Func<string, double> idf) =>
        entry.Provisions.Where(p => !p.Text.StartsWith("Note", StringComparison.Ordinal) && !p.Text.StartsWith("N.B.", StringComparison.Ordinal)
                                    && !p.Text.StartsWith("Technical Note", StringComparison.Ordinal))
            .Select(p => (p, Score: Tokens(p.Text).Distinct().Intersect(terms).Sum(idf)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.p.Path.Length).Select(x => x.p).FirstOrDefault()
        ?? entry.Provisions[0];

    private string Expand(string text)
    {
        var lower = " " + text.ToLowerInvariant() + " ";
        var extra = new StringBuilder(lower);
        foreach (var (term, expansion) in _expansions)
            if (lower.Contains(term, StringComparison.Ordinal)) extra.Append(' ').Append(expansion);
        return extra.ToString();
    }

    internal static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length == 0) continue;
            var w = Stem(word.ToString());
            word.Clear();
            if (!Stopwords.Contains(w)) yield return w;
        }
    }

    /// <summary>Plural to singular, enough to meet "axes"/"axis", "vehicles"/"vehicle", "circuits"/"circuit".</summary>
    private static string Stem(string w) =>
        w == "axes" ? "axis"
        : w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4 ? w[..^3] + "y"
        : w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3 ? w[..^1]
        : w;
}
