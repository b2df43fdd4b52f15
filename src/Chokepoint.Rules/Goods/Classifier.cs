using Chokepoint.Core.Values;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Rules.Goods;

public enum ClassificationOutcome { Listed, NotListed, Review }

/// <summary>What to classify: an HS/CN code, a description, or both; and the answers given so far to its questions.</summary>
public sealed record ClassificationRequest(string? HsCode = null, string? Text = null, IReadOnlyDictionary<string, bool>? Answers = null);

/// <summary>A question that decides whether an item is caught: does it meet this provision, quoted word for word?</summary>
public sealed record Question(string Path, string Provision);

public sealed record Candidate(string Code, string Heading, double Score, Provision Quote, IReadOnlyList<Question> Questions);

public sealed record RussiaControl(string Regime, string Rule, string Text);

public sealed record Classification(
    ClassificationOutcome Outcome,
    string? Code,
    string Message,
    IReadOnlyList<HsEntry> Nomenclature,
    string? ChplTier,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyList<string> RuledOut,
    IReadOnlyList<CatalogueEntry> CnCatalogue,
    IReadOnlyList<RussiaControl> RussiaControls,
    string DataVersion);

/// <summary>
/// The classification assistant. It finds the nomenclature entry and CHPL tier of a code, ranks Annex I entries for a
/// description, quotes the provision each rests on and asks the questions that decide it. It never claims a listing
/// from an HS code: without answers the outcome is Review. An answer "yes" to a provision makes it Listed under that
/// dotted code; "no" to every question of every candidate makes it NotListed, with what was ruled out and why.
/// </summary>
public sealed class Classifier(GoodsReference goods, RuleBook rules)
{
    private const int MaxCandidates = 5, MaxQuestions = 6, MaxTextChars = 2000;
    private readonly Lazy<DescriptionSearch> _search = new(() => new DescriptionSearch(goods.AnnexI));

    public Classification Classify(ClassificationRequest request, DateOnly day)
    {
        var digits = request.HsCode is null ? null
            : HsCode.TryParse(request.HsCode, out var hs) ? hs.Digits
            : throw new ArgumentException($"'{request.HsCode}' is not an HS or tariff code (2, 4, 6, 8 or 10 digits; dots and spaces allowed).");
        if (request.Text is { Length: > MaxTextChars }) throw new ArgumentException($"The description is {request.Text.Length:N0} characters; at most {MaxTextChars:N0}.");
        if (digits is null && string.IsNullOrWhiteSpace(request.Text)) throw new ArgumentException("Give an HS code or a description to classify.");

        var nomenclature = digits is null ? [] : goods.Nomenclature.Lookup(digits);
        var tier = digits is null ? null : rules.ChplTier(digits, day);
        var catalogue = digits is { Length: >= 6 } ? goods.CnCatalogue.ByReferenceHs(digits).Take(10).ToList() : [];
        var text = string.Join(' ', new[] { request.Text, request.Text is null ? nomenclature.LastOrDefault()?.Description : null }.Where(t => t is not null));
        var candidates = string.IsNullOrWhiteSpace(text) ? [] : _search.Value.Search(text, MaxCandidates)
            .Select(c => new Candidate(c.Entry.Code, c.Entry.Heading, c.Score, c.Quote, Questions(c.Entry, c.Quote))).ToList();

        var (outcome, code, ruledOut, message) = Decide(request, digits, candidates);
        if (digits is not null && goods.Nomenclature.OnlyInHs2017(digits))
            message += $" Note: {digits[..6]} is an HS 2017 code that the 2022 edition renumbered.";
        return new Classification(outcome, code, message, nomenclature, tier, candidates, ruledOut, catalogue, RussiaControls(digits, day),
            $"{goods.Version}; {rules.Version}");
    }

    private static (ClassificationOutcome, string?, IReadOnlyList<string>, string) Decide(ClassificationRequest request, string? digits, List<Candidate> candidates)
    {
        var answers = request.Answers ?? new Dictionary<string, bool>();
        var yes = answers.Where(a => a.Value).Select(a => a.Key).Where(k => candidates.Any(c => k.StartsWith(c.Code, StringComparison.Ordinal))).Order(StringComparer.Ordinal).FirstOrDefault();
        if (yes is not null)
            return (ClassificationOutcome.Listed, yes, [], $"Listed: the item meets {yes} as answered. Confirm and record the classification with its rationale.");
        var asked = candidates.Where(c => c.Questions.Count > 0).ToList();
        if (asked.Count > 0 && asked.All(c => c.Questions.All(q => answers.TryGetValue(q.Path, out var a) && !a)))
        {
            var ruledOut = asked.Select(c => $"{c.Code}: answered no to {string.Join(", ", c.Questions.Select(q => q.Path))}").ToList();
            return (ClassificationOutcome.NotListed, null, ruledOut, "Not listed in Annex I on the answers given: every candidate was ruled out.");
        }
        if (candidates.Count == 0)
            return (ClassificationOutcome.Review, null, [], "Refer to an expert: no Annex I entry resembles this item, which proves nothing; classify it from its technical specification.");
        var why = request.Text is null && digits is not null
            // The outcome (REVIEW) is said beside the message; the message says what to do.
            ? "An HS code alone never settles a control-list classification: describe the item (--text) or answer the candidates' questions."
            : "Answer the questions of the candidates (or refer to an expert) to settle it.";
        return (ClassificationOutcome.Review, null, [], why);
    }

    /// <summary>The thresholds under the quoted provision decide it; when it has none, those of its entry do.</summary>
    private static List<Question> Questions(ControlEntry entry, Provision quote)
    {
        var under = entry.ThresholdPaths.Where(p => p.StartsWith(quote.Path, StringComparison.Ordinal)).ToList();
        var paths = (under.Count > 0 ? under : entry.ThresholdPaths).Distinct().Take(MaxQuestions);
        return paths.Select(p => new Question(p, entry.Provisions.First(x => x.Path == p).Text)).ToList();
    }

    private List<RussiaControl> RussiaControls(string? digits, DateOnly day)
    {
        var list = new List<RussiaControl>();
        if (digits is null) return list;
        if (rules.ChplTier(digits, day) is { } tier)
        {
            list.Add(new RussiaControl("EU", "EU-RU-ANNEX-XL", $"CHPL Tier {tier} (Reg 833/2014 Annex XL): export to Russia prohibited; Art 12g no-Russia clause for sales to non-partner countries; Art 12gb due diligence."));
            list.Add(new RussiaControl("US", "ENHANCED_DUE_DILIGENCE_CHPL", $"CHPL Tier {tier}: enhanced due diligence (FinCEN/BIS alerts) for non-partner destinations."));
        }
        if (rules.UsSupp4(digits, day) is { } supp4)
            list.Add(new RussiaControl("US", "US-RU-SUPP4", $"EAR99 items under this HS code need a licence to Russia or Belarus (EAR 746.8(a)(2)); {supp4.Source}."));
        return list;
    }
}
