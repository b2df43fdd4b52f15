using System.Text;
using Chokepoint.Rules.RuleData;

namespace Chokepoint.Rules.Goods;

/// <summary>
/// Ranks Annex I entries against a free-text description. Each provision is read with the titles of the provisions
/// above it ("2B001.b.2 Five or more axes" under "2B001.b Machine tools for milling" under "2B001 Machine tools"), and
/// scores by how much of the description it covers (IDF-weighted); an entry scores by its best provision, which is
/// the one quoted. At equal fit, goods entries (groups A-C) come before software and technology (D, E) unless the
/// description asks for those, general Wassenaar entries before MTCR/NSG/AG/CWC ones, then by BM25 over the entry.
/// Trade words are first expanded to Annex I wording (goods-terms.tsv).
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
    private readonly List<List<(Provision Provision, HashSet<string> Terms)>> _provisions = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;
    private readonly IReadOnlyList<(string Term, string Expansion)> _expansions;

    public DescriptionSearch(AnnexI annex)
    {
        _annex = annex;
        foreach (var e in annex.Entries)
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var t in e.Provisions.SelectMany(p => Tokens(p.Text))) terms[t] = terms.GetValueOrDefault(t) + 1;
            _entryTerms.Add(terms);
            _entryLength.Add(terms.Values.Sum());
            foreach (var t in terms.Keys) _documentFrequency[t] = _documentFrequency.GetValueOrDefault(t) + 1;
            _provisions.Add(WithTitles(e));
        }
        _averageLength = _entryLength.Average();
        _expansions = RuleTable.Embedded("goods-terms.tsv").Rows.Select(r => (r["term"], r["expansion"])).ToList();
    }

    /// <summary>Each provision's words together with the titles of the provisions it sits under.</summary>
    private static List<(Provision, HashSet<string>)> WithTitles(ControlEntry e)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.Provisions.Where(IsProvision)) titles.TryAdd(p.Path.TrimEnd('.'), p.Text);
        var result = new List<(Provision, HashSet<string>)>();
        foreach (var p in e.Provisions.Where(IsProvision))
        {
            var words = new HashSet<string>(Tokens(p.Text), StringComparer.Ordinal);
            for (var path = p.Path.TrimEnd('.'); path.Contains('.', StringComparison.Ordinal);)
            {
                path = path[..path.LastIndexOf('.')];
                if (titles.TryGetValue(path, out var title)) words.UnionWith(Tokens(title));
            }
            result.Add((p, words));
        }
        return result;
    }

    private static bool IsProvision(Provision p) =>
        !p.Text.StartsWith("Note", StringComparison.Ordinal) && !p.Text.StartsWith("N.B.", StringComparison.Ordinal)
        && !p.Text.StartsWith("Technical Note", StringComparison.Ordinal) && !p.Text.StartsWith("Nota", StringComparison.Ordinal);

    public IReadOnlyList<(ControlEntry Entry, double Score, Provision Quote)> Search(string description, int limit)
    {
        var query = Expand(description);
        var terms = Tokens(query).Distinct().Where(_documentFrequency.ContainsKey).ToList();
        if (terms.Count == 0) return [];
        var n = _annex.Entries.Count;
        double Idf(string t) => Math.Log(1 + (n - _documentFrequency[t] + 0.5) / (_documentFrequency[t] + 0.5));
        var wantsSoftware = terms.Contains("software") || terms.Contains("technology");
        var scored = new List<(int Index, double Fit, Provision Quote, double Bm25)>();
        for (var i = 0; i < n; i++)
        {
            var best = _provisions[i].Select(p => (p.Provision, Fit: terms.Where(p.Terms.Contains).Sum(Idf)))
                .OrderByDescending(x => x.Fit).ThenByDescending(x => x.Provision.Path.Length).FirstOrDefault();
            if (best.Fit <= 0) continue;
            scored.Add((i, Math.Round(best.Fit, 3), best.Provision, Bm25(i, terms, Idf)));
        }
        return scored
            .OrderByDescending(s => s.Fit)
            .ThenBy(s => !wantsSoftware && _annex.Entries[s.Index].Code[1] is 'D' or 'E' ? 1 : 0)
            .ThenBy(s => _annex.Entries[s.Index].Code[2])
            .ThenByDescending(s => s.Bm25)
            .Take(limit)
            .Select(s => (_annex.Entries[s.Index], s.Fit, s.Quote)).ToList();
    }

    private double Bm25(int entry, List<string> terms, Func<string, double> idf)
    {
        double score = 0;
        foreach (var t in terms)
        {
            if (!_entryTerms[entry].TryGetValue(t, out var tf)) continue;
            score += idf(t) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _entryLength[entry] / _averageLength));
        }
        return score;
    }

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
