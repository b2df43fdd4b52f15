using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Jurisdictions;
using Chokepoint.Rules.RedFlags;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Rules.Decisions;

/// <summary>
/// Decides shipments: screens every party, applies what confirmed list matches mean, computes blocked ownership,
/// evaluates each jurisdiction that applies as of the evaluation date, raises the red flags, and combines it all by
/// severity. Pure apart from screening; thread-safe; never reads the clock (the evaluation date is in the shipment).
/// </summary>
public sealed class DecisionEngine(PartyScreener screener, RuleBook? rules = null, GoodsReference? goods = null, ILicenceBook? licences = null)
{
    private static readonly IJurisdiction[] Jurisdictions = [new ChinaRules(), new EuRules(), new UsRules()];

    /// <summary>A list match at or above this score (or on an identical identifier) is treated as the listed party itself;
    /// below it, down to the screening threshold, it is a possible match to resolve (RF13).</summary>
    public double ConfirmThreshold { get; init; } = 0.95;

    public RuleBook Rules { get; } = rules ?? RuleBook.Default;

    public ShipmentDecision Decide(Shipment shipment)
    {
        ShipmentValidator.ThrowIfInvalid(shipment);
        var day = shipment.EvaluationDate ?? throw new ShipmentException("The shipment has no evaluationDate: rules are applied as of a stated day.");
        var ev = new Evaluation(shipment, day, Rules, goods, licences ?? LicenceList.Empty);
        foreach (var j in Jurisdictions.Where(j => j.Applies(ev))) ev.Open(j.Code);
        if (!ev.Jurisdictions.Any())
        {
            ev.Open("NONE");
            ev.Fire("NONE", "NO-JURISDICTION", $"An exporter in {shipment.Exporter.Country} with no US-origin content or US control codes: CN, EU and US rules do not apply, so Chokepoint cannot clear the shipment.");
        }
        // A day before the law a jurisdiction's rules model is said to be one, never decided by rules that did not yet apply.
        foreach (var j in Jurisdictions.Where(j => ev.Applies(j.Code)))
            ev.Fire(j.Code, $"{j.Code}-NO-LAW", $"Chokepoint does not model {j.Code} law as it stood on {day:yyyy-MM-dd}: decide this shipment under the law then in force.");
        Screen(ev);
        ListConsequences(ev, screener.Screener.Index);
        OwnershipRule.Compute(ev);
        foreach (var j in Jurisdictions.Where(j => ev.Applies(j.Code))) j.Evaluate(ev);
        RaiseRedFlags(ev);
        return ev.Result(screener.Snapshots);
    }

    private void Screen(Evaluation ev)
    {
        foreach (var p in ev.Shipment.Parties)
        {
            var query = PartyScreener.Query(p.Name, p.Kind, p.Country, p.Identifier);
            var hits = screener.Screen(query).Select(Hit).ToList();
            ev.Screened.Add(new ScreenedParty(p, hits));
            ev.Screening.Add(new PartyScreening(p.Name, p.Roles, hits) { Query = query });
        }
        var owners = (ev.Shipment.Ownership ?? []).Select(o => o.Owner).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(o => !ev.Shipment.Parties.Any(p => string.Equals(p.Name, o, StringComparison.OrdinalIgnoreCase)));
        foreach (var owner in owners)
        {
            var query = new PartyQuery(owner);
            var hits = screener.Screen(query).Select(Hit).ToList();
            ev.Screening.Add(new PartyScreening(owner, ["owner"], hits) { Query = query });
            ev.Owners[owner] = hits;
        }
    }

    private PartyHit Hit(ScreenHit h) =>
        new(h.EntityId, h.List, h.SourceList, h.Snapshot, h.Name, Math.Round(h.Score, 3), h.Score >= ConfirmThreshold, h.Explanation);

    /// <summary>A confirmed match carries its list's consequence in each jurisdiction that applies (list-consequences.tsv).</summary>
    private static void ListConsequences(Evaluation ev, Chokepoint.Matching.Indexing.ScreeningIndex? index)
    {
        foreach (var (party, hits) in ev.Screened)
            foreach (var hit in hits.Where(h => h.Confirmed))
                foreach (var (jurisdiction, rule) in ev.Rules.ListConsequences(hit.List, hit.SourceList, ev.Day).Where(c => ev.Applies(c.Jurisdiction)))
                {
                    var what = $"{party.Name} is {hit.Name} on {hit.SourceList} ({hit.List}, entry {hit.EntityId}, score {hit.Score:0.00})";
                    var fired = rule switch
                    {
                        "EU-ANNEX-IV-PARTY" when !ev.Items.Any(i => i.AnnexI || i.AnnexVii) => false,
                        "US-SDN-PARTY" when ev.Shipment.Exporter.UsPerson == false || (ev.Shipment.Exporter.UsPerson is null && ev.Shipment.Exporter.Country != "US") => false,
                        "US-ENTITY-LIST" when index?.Entry(hit.Snapshot, hit.EntityId) is { } entry => EntityListEntry(ev, what, entry),
                        _ => ev.Fire(jurisdiction, rule, what + "."),
                    };
                    if (!fired) ev.Fire(jurisdiction, "LIST-REVIEW", what + ": resolve before shipping.");
                }
    }

    /// <summary>An Entity List hit decided on the entry's own terms: its licence requirement and licence review policy
    /// quoted, and a footnote-3 entry (the foreign-direct-product rule of EAR 734.9(g)) said to be one.</summary>
    private static bool EntityListEntry(Evaluation ev, string what, Chokepoint.Core.Listings.ListedEntity entry)
    {
        var requirement = entry.Attributes.GetValueOrDefault("licenseRequirement")?.Trim();
        var policy = entry.Attributes.GetValueOrDefault("licensePolicy")?.Trim();
        if (string.IsNullOrEmpty(requirement) && string.IsNullOrEmpty(policy)) return ev.Fire("US", "US-ENTITY-LIST", what + ".");
        var footnote3 = requirement?.Contains("734.9(g)", StringComparison.Ordinal) == true;
        var terms = $"licence requirement: \"{requirement}\"; licence review policy: \"{policy}\"";
        return ev.Fire("US", "US-ENTITY-LIST",
            $"{what}. The entry's {terms}{(footnote3 ? ". A footnote 3 entry: foreign-made items produced from US technology or software are subject to the EAR too (734.9(g))" : "")}.",
            $"Entity List entry {entry.SourceId}: {terms}");
    }

    private static void RaiseRedFlags(Evaluation ev)
    {
        foreach (var flag in RedFlagRules.All)
        {
            if (ev.Rules.Rule(flag.Id, ev.Day) is not { } rule) continue;
            var finding = flag.Check(ev);
            if (finding.Raised is null) { ev.NotEvaluated.Add(new NotEvaluated(flag.Id, finding.Text)); continue; }
            if (finding.Raised == false) continue;
            var targets = rule.Jurisdiction == "ALL" ? ev.Jurisdictions.ToList() : ev.Jurisdictions.Where(j => j == rule.Jurisdiction).ToList();
            if (targets.Count == 0) continue;
            foreach (var j in targets) ev.Fire(j, flag.Id, finding.Text);
            ev.RedFlags.Add(new RedFlag(flag.Id, finding.Text, rule.Effect, rule.Jurisdiction));
        }
    }
}
