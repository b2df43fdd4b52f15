using Chokepoint.Core.Values;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Rules.Decisions;

/// <summary>What the rules know of one item, worked out once: its HS digits, CHPL tier and control code per regime.</summary>
internal sealed record ItemFacts(int Index, Item Item, HsCode Hs, string? ChplTier, ControlCode? Cn, ControlCode? Eu, ControlCode? Us)
{
    public bool AnnexI => Eu?.Shape == ControlCodeShape.Wassenaar;
    public bool AnnexVii => Eu?.Shape == ControlCodeShape.AnnexVii;
    public bool EuListed => AnnexI || AnnexVii || ChplTier is not null;

    /// <summary>On any control list the engine knows: a CHPL heading, or a control code of any regime other than EAR99.</summary>
    public bool Controlled => ChplTier is not null || Cn is not null || AnnexI || AnnexVii || Us is { Shape: not ControlCodeShape.Ear99 };
    public string Label => $"item {Index + 1} ({Item.Description})";
}

/// <summary>A party's screening answer, with the consequences its confirmed hits carry.</summary>
internal sealed record ScreenedParty(Party Party, IReadOnlyList<PartyHit> Hits);

/// <summary>
/// The working state of one decision: the shipment's facts read once, and the reasons, red flags and obligations as
/// rules add them. Every addition goes through <see cref="Fire"/> or <see cref="Oblige"/>, which look the rule up in
/// the rule data and drop it when the evaluation date is outside its dates.
/// </summary>
internal sealed class Evaluation
{
    private readonly Dictionary<string, (List<Reason> Reasons, List<string> Basis, List<string> Authorisations)> _jurisdictions = new(StringComparer.Ordinal);
    private readonly List<Obligation> _obligations = [];
    private readonly Dictionary<(string, int), decimal> _drawnQuantity = [];
    private readonly Dictionary<(string, int), decimal> _drawnValue = [];

    public Evaluation(Shipment shipment, DateOnly day, RuleBook rules, GoodsReference? goods, ILicenceBook licences)
    {
        (Shipment, Day, Rules, Goods, Licences) = (shipment, day, rules, goods, licences);
        Consignee = shipment.Parties.First(p => p.Has("consignee"));
        EndUser = shipment.Parties.FirstOrDefault(p => p.Has("endUser"));
        Payer = shipment.Parties.FirstOrDefault(p => p.Has("payer"));
        Destination = shipment.Destination ?? EndUser?.Country ?? Consignee.Country;
        Items = shipment.Items.Select((it, i) =>
        {
            // The shipment was validated on the way in, so these parse.
            var hs = HsCode.Parse(it.HsCode);
            ControlCode? Code(Jurisdiction regime) => it.ControlCodes.TryGetValue(regime, out var c) ? ControlCode.Parse(c) : null;
            return new ItemFacts(i, it, hs, rules.ChplTier(hs, day), Code(Jurisdiction.China), Code(Jurisdiction.EuropeanUnion), Code(Jurisdiction.UnitedStates));
        }).ToList();
    }

    public Shipment Shipment { get; }
    public DateOnly Day { get; }
    public RuleBook Rules { get; }
    public GoodsReference? Goods { get; }
    public ILicenceBook Licences { get; }
    public Party Consignee { get; }
    public Party? EndUser { get; }
    public Party? Payer { get; }
    public string? Destination { get; }
    public IReadOnlyList<ItemFacts> Items { get; }
    public List<ScreenedParty> Screened { get; } = [];
    public Dictionary<string, IReadOnlyList<PartyHit>> Owners { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, decimal> BlockedOwnership { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<RedFlag> RedFlags { get; } = [];
    public List<NotEvaluated> NotEvaluated { get; } = [];
    public List<LicenceUse> LicenceUses { get; } = [];
    public List<PartyScreening> Screening { get; } = [];

    public IEnumerable<Party> Recipients => Shipment.Parties.Where(p => p.Has("consignee") || p.Has("endUser"));

    public bool InGroup(string group, string? country) => Rules.InGroup(group, country, Day);

    public bool Applies(string jurisdiction) => _jurisdictions.ContainsKey(jurisdiction);

    public IEnumerable<string> Jurisdictions => _jurisdictions.Keys;

    public void Open(string jurisdiction) => _jurisdictions.TryAdd(jurisdiction, ([], [], []));

    /// <summary>Fires a rule in a jurisdiction if the rule is in force on the evaluation date; says whether it fired.</summary>
    public bool Fire(string jurisdiction, string ruleId, string message, string? extraBasis = null)
    {
        if (Rules.Rule(ruleId, Day) is not { } rule || !_jurisdictions.TryGetValue(jurisdiction, out var state)) return false;
        state.Reasons.Add(new Reason(rule.Id, rule.Effect, message));
        foreach (var basis in new[] { rule.LegalBasis, extraBasis })
            if (basis is not null && !state.Basis.Contains(basis)) state.Basis.Add(basis);
        return true;
    }

    /// <summary>Whether a rule has fired in a jurisdiction so far (list consequences fire before the jurisdictions' rules).</summary>
    public bool Fired(string jurisdiction, string ruleId) =>
        _jurisdictions.TryGetValue(jurisdiction, out var state) && state.Reasons.Any(r => r.Rule == ruleId);

    /// <summary>Records what made a CLEAR clear ("EU001", "GL-CN-001").</summary>
    public void Authorised(string jurisdiction, string authorisation)
    {
        if (_jurisdictions.TryGetValue(jurisdiction, out var state) && !state.Authorisations.Contains(authorisation)) state.Authorisations.Add(authorisation);
    }

    public void Oblige(string id)
    {
        if (Rules.Obligation(id, Day) is { } o && !_obligations.Any(x => x.Id == id)) _obligations.Add(new Obligation(o.Id, o.Jurisdiction, o.Text, o.Source));
    }

    public void Draw(string licence, int line, decimal quantity, decimal value)
    {
        _drawnQuantity[(licence, line)] = _drawnQuantity.GetValueOrDefault((licence, line)) + quantity;
        _drawnValue[(licence, line)] = _drawnValue.GetValueOrDefault((licence, line)) + value;
    }

    public decimal DrawnQuantity(string licence, int line) => _drawnQuantity.GetValueOrDefault((licence, line));
    public decimal DrawnValue(string licence, int line) => _drawnValue.GetValueOrDefault((licence, line));

    public ShipmentDecision Result(IReadOnlyList<SnapshotId> snapshots)
    {
        var jurisdictions = _jurisdictions.Select(kv =>
        {
            var decision = kv.Value.Reasons.Select(r => r.Effect).DefaultIfEmpty(Decision.Clear).Max();
            var basis = decision != Decision.Clear ? null : kv.Value.Authorisations.Count > 0 ? string.Join(", ", kv.Value.Authorisations) : "NLR";
            return new JurisdictionDecision(kv.Key, decision, kv.Value.Reasons, kv.Value.Basis, basis);
        }).ToList();
        var overall = jurisdictions.Select(j => j.Decision).DefaultIfEmpty(Decision.HoldForReview).Max();
        return new ShipmentDecision(Shipment.Id, Day, overall, jurisdictions, RedFlags, NotEvaluated, _obligations, Screening, LicenceUses, Rules.Version, snapshots);
    }
}
