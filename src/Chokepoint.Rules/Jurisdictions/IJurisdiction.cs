using Chokepoint.Core.Values;
using Chokepoint.Rules.Decisions;

namespace Chokepoint.Rules.Jurisdictions;

/// <summary>One jurisdiction's rules: whether they apply to a shipment, and what they say about it.</summary>
internal interface IJurisdiction
{
    string Code { get; }

    bool Applies(Evaluation ev);

    void Evaluate(Evaluation ev);
}

/// <summary>What the jurisdictions share: licence cover for an item that needs one.</summary>
internal static class Authorisation
{
    /// <summary>Tries the referenced licences for an item; fires the authorised or over-balance rule. True when covered.</summary>
    public static bool TryLicence(Evaluation ev, string jurisdiction, ItemFacts item, ControlCode? code, string authorisedRule, string overRule)
    {
        var use = LicenceCheck.Cover(ev, jurisdiction, item, code);
        if (use is null) return false;
        ev.LicenceUses.Add(use);
        if (use.Covers)
        {
            ev.Fire(jurisdiction, authorisedRule, use.Message);
            ev.Authorised(jurisdiction, use.Licence);
            ev.Oblige("LICENCE_DRAWDOWN");
            return true;
        }
        ev.Fire(jurisdiction, overRule, use.Message);
        return false;
    }
}
