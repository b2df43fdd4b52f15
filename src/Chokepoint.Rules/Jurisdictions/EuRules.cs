using Chokepoint.Rules.Decisions;

namespace Chokepoint.Rules.Jurisdictions;

/// <summary>
/// EU rules for an exporter in a member state: Reg 2021/821 (Annex I items need an authorisation; EU001 covers the
/// listed destinations; intra-EU needs none) and Reg 833/2014 / 765/2006 for Russia and Belarus (Annex I, Annex VII
/// and Annex XL items prohibited; Art 12g clause and Art 12gb due diligence for Annex XL items to non-partners).
/// Transit via Russia (RF02) and the Art 12g hold (RF21) are red flags with their own effect.
/// </summary>
internal sealed class EuRules : IJurisdiction
{
    public string Code => "EU";

    public bool Applies(Evaluation ev) => ev.InGroup("EU_MEMBER", ev.Shipment.Exporter.Country);

    public void Evaluate(Evaluation ev)
    {
        var russia = ev.Destination == "RU" || ev.Recipients.Any(p => p.Country == "RU");
        var belarus = ev.Destination == "BY" || ev.Recipients.Any(p => p.Country == "BY");
        foreach (var item in ev.Items)
        {
            if (russia) Russia(ev, item);
            else if (belarus) Belarus(ev, item);
            else
            {
                if (item.AnnexI) AnnexI(ev, item);
                if (item.ChplTier is not null) AnnexXl(ev);
            }
        }
        foreach (var n in ev.Shipment.Notifications.Where(n => n.Jurisdiction == Code))
            ev.Fire(Code, "EU-CATCH-ALL", $"The authority informed the exporter{(n.Reason is null ? "" : $" ({n.Reason})")}: an authorisation is required whatever the item (Art 4).");
    }

    private static void Russia(Evaluation ev, ItemFacts item)
    {
        if (item.AnnexI) ev.Fire("EU", "EU-RU-DUAL-USE", $"{item.Label} is dual-use ({item.Eu}): no export to Russia or for use in Russia.");
        else if (item.AnnexVii) ev.Fire("EU", "EU-RU-ANNEX-VII", $"{item.Label} is an Annex VII advanced-technology item ({item.Eu}): no export to Russia.");
        else if (item.ChplTier is { } tier) ev.Fire("EU", "EU-RU-ANNEX-XL", $"{item.Label} (HS {item.Hs}) is a common high priority item (Annex XL, Tier {tier}): no export to Russia.");
    }

    private static void Belarus(Evaluation ev, ItemFacts item)
    {
        if (item.AnnexI || item.AnnexVii) ev.Fire("EU", "EU-BY-DUAL-USE", $"{item.Label} ({item.Eu}) may not be exported to Belarus or for use in Belarus.");
        else if (item.ChplTier is not null) ev.Fire("EU", "EU-BY-DUAL-USE", $"{item.Label} (HS {item.Hs}) is a common high priority item: treated as prohibited to Belarus (verify the CN code against Reg 765/2006 Annex XXVII).");
    }

    private static void AnnexI(Evaluation ev, ItemFacts item)
    {
        var entry = ev.Goods?.AnnexI.Find(item.Eu!);
        if (ev.Goods is not null && entry is null)
        {
            ev.Fire("EU", "CLASSIFY-REVIEW", $"{item.Label}: {item.Eu} is not an entry of Annex I ({ev.Goods.AnnexI.Version}); check the classification.");
            return;
        }
        ev.Oblige("KEEP_RECORDS_5Y");
        if (ev.InGroup("EU_MEMBER", ev.Destination))
        {
            ev.Fire("EU", "EU-INTRA-EU", $"{item.Label} ({item.Eu}) stays in the Union: no export authorisation is needed.");
            return;
        }
        if (Authorisation.TryLicence(ev, "EU", item, item.Eu, "EU-AUTHORISED", "EU-ANNEX-I-ITEM")) return;
        if (ev.InGroup("EU001", ev.Destination))
        {
            ev.Fire("EU", "EU-EU001", $"{item.Label} ({item.Eu}) to {ev.Destination} is authorised by Union General Export Authorisation EU001.");
            ev.Authorised("EU", "EU001");
            ev.Oblige("EU001_NOTIFY_FIRST_USE");
            ev.Oblige("EU001_CUSTOMS_REFERENCE");
            return;
        }
        var heading = entry is null ? "" : $" ({Clip(entry.Heading)})";
        ev.Fire("EU", "EU-ANNEX-I-ITEM", $"{item.Label} is dual-use {item.Eu}{heading}; {ev.Destination} is not covered by EU001: an individual or global authorisation is required.");
    }

    /// <summary>Art 12g and 12gb apply to Annex XL goods sold to any third country that is not an Annex VIII partner.</summary>
    private static void AnnexXl(Evaluation ev)
    {
        if (ev.InGroup("EU_MEMBER", ev.Destination) || ev.InGroup("EU_PARTNER_ANNEX_VIII", ev.Destination)) return;
        ev.Oblige("NO_RUSSIA_CLAUSE");
        ev.Oblige("ART12GB_DUE_DILIGENCE");
    }

    private static string Clip(string s) => s.Length <= 90 ? s : s[..90] + "…";
}
