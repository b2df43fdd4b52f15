using Chokepoint.Core.Values;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;

namespace Chokepoint.Rules.Jurisdictions;

/// <summary>
/// PRC export control for an exporter in China, as of the evaluation date: the Dual-Use Items Export Control
/// Regulations (Decree 792) from 2024-12-01, and before them the Export Control Law (from 2020-12-01) with the item
/// announcements modelled (each rule row of rules.tsv cites the instrument of its dates). Listed items need a licence
/// unless one held covers them; catch-all notifications; MOFCOM Announcement 2024 No. 46 destination bans;
/// control-list parties (Arts 28-30) come in through the party-list consequences.
/// </summary>
internal sealed class ChinaRules : IJurisdiction
{
    public string Code => "CN";

    public bool Applies(Evaluation ev) => ev.Shipment.Exporter.Country == "CN";

    public void Evaluate(Evaluation ev)
    {
        foreach (var item in ev.Items)
        {
            if (item.Cn is { } code) Listed(ev, item, code);
            else ReferenceHs(ev, item);
        }
        WatchListed(ev);
        foreach (var n in ev.Shipment.Notifications.Where(n => n.Jurisdiction == Code))
            if (ev.Fire(Code, "CN-CATCH-ALL", $"MOFCOM notified a risk{(n.Reason is null ? "" : $" ({n.Reason})")}: a licence is required whatever the item."))
                ev.Oblige("END_USER_CERTIFICATE_CN");
    }

    private static void Listed(Evaluation ev, ItemFacts item, ControlCode code)
    {
        if (code.Shape != ControlCodeShape.Wassenaar)
        {
            ev.Fire("CN", "CLASSIFY-REVIEW", $"{item.Label}: '{code}' is not a PRC control code (e.g. 3C001.a); classify the item.");
            return;
        }
        var announcement = ev.Rules.CnAnnouncement(code, ev.Day);
        var catalogue = ev.Goods?.CnCatalogue.Covers(code) switch
        {
            true => "",
            false => $" Note: {code} is not in the {CnCatalogue.Label}; check the code.",
            null => "",
        };
        ev.Oblige("KEEP_RECORDS_5Y");
        ev.Oblige("REPORT_ACTUAL_EXPORT_CN");
        if (UsBan(ev, item, code)) return;
        if (Authorisation.TryLicence(ev, "CN", item, code, "CN-AUTHORISED", "CN-OVER-BALANCE")) return;
        KeyChange(ev, item);
        // Before the consolidated list, only the announcements modelled say an item was controlled; for any other
        // code the law of the day is not known here, and that is said (never a CLEAR by silence).
        if (announcement is null && ev.Fire("CN", "CN-ITEM-LAW-UNKNOWN",
                $"{item.Label} has PRC control code {code}, but for {ev.Day:yyyy-MM-dd} Chokepoint knows PRC item controls only from the announcements it models: check whether the item was under control on that day and whether a licence was needed."))
            return;
        // Under Decree 792 (the consolidated list in force) the licence types and the review clock are its own; before
        // it, the Export Control Law's licence.
        var procedure = ev.Rules.Rule("CN-ITEM-LAW-UNKNOWN", ev.Day) is not null
            ? "apply to MOFCOM for a dual-use export licence (Export Control Law Art 12); the application needs the end-user and end-use certificates (Art 15)."
            : ev.Fired("CN", "CN-WATCH-LIST-PARTY")
                ? "a party is on the watch list, so only a single licence can be applied for, with a risk assessment report and a compliance undertaking (Art 26(2)); the application needs the end-user and end-use certificates (Art 16), and no statutory time limit applies to its review."
                : "apply for a single licence, or a general licence if the exporter qualifies (Art 15); the application needs the end-user and end-use certificates (Art 16); MOFCOM decides within 45 working days (Art 17).";
        var fired = ev.Fire("CN", "CN-LISTED-ITEM",
            $"{item.Label} is listed under PRC control code {code}{(announcement is null ? "" : $" ({announcement["items"]})")}: {procedure}{catalogue}",
            announcement?.Source);
        if (fired) ev.Oblige("END_USER_CERTIFICATE_CN");
    }

    /// <summary>Decree 792 Art 18(2): a licence whose item, destination, end user or quantity the shipment departs from
    /// cannot be amended into covering it; a new application is needed and the licence is returned or no longer used.</summary>
    private static void KeyChange(Evaluation ev, ItemFacts item)
    {
        if (ev.LicenceUses.LastOrDefault(u => u.Item == item.Label && !u.Covers) is not { KeyChange: { } change } use) return;
        if (ev.Fire("CN", "CN-LICENCE-KEY-CHANGE",
                $"{item.Label}: the shipment changes the {change} of licence {use.Licence}: a new application is needed, and licence {use.Licence} is to be returned or no longer used for it (Art 18(2)), not amended."))
            ev.Oblige("NEW_APPLICATION_CN");
    }

    /// <summary>Decree 792 Art 26(2): a watch-listed party is served only under a single licence, applied for with a risk
    /// assessment report and a compliance undertaking; a general licence does not serve it.</summary>
    private static void WatchListed(Evaluation ev)
    {
        if (!ev.Fired("CN", "CN-WATCH-LIST-PARTY")) return;
        ev.Oblige("WATCH_LIST_RISK_ASSESSMENT_CN");
        ev.Oblige("WATCH_LIST_UNDERTAKING_CN");
        foreach (var use in ev.LicenceUses.Where(u => u.Covers && ev.Licences.Find(u.Licence) is { Jurisdiction: "CN", Type: var type } && !type.Equals("single", StringComparison.OrdinalIgnoreCase)))
            ev.Fire("CN", "CN-WATCH-LIST-GENERAL-LICENCE",
                $"Licence {use.Licence} is a {ev.Licences.Find(use.Licence)!.Type} licence, which cannot serve a watch-listed party: apply for a single licence for {use.Item}.");
    }

    /// <summary>Announcement 2024 No. 46: Ga, Ge, Sb and superhard materials to the US, and any item to US military users.</summary>
    private static bool UsBan(Evaluation ev, ItemFacts item, string code)
    {
        var military = ev.Rules.Terms("military-user", ev.Day);
        var fired = false;
        foreach (var p in ev.Recipients.Where(p => ev.InGroup("CN_ANN_2024_46_DESTINATION", p.Country)))
            if (p.BusinessType is { } type && military.Any(m => type.Contains(m, StringComparison.OrdinalIgnoreCase)))
                fired |= ev.Fire("CN", "CN-US-MILITARY-USER", $"{p.Name} is a US military user: no dual-use item may be exported to it.");
        if (ev.InGroup("CN_ANN_2024_46_DESTINATION", ev.Destination) && ev.Rules.CnUsRestrictedItem(code, ev.Day) is { } row)
            fired |= ev.Fire("CN", "CN-GA-GE-SB-TO-US", $"{item.Label} ({row["items"]}, {code}) to the US is in principle not licensed.");
        return fired;
    }

    private static void ReferenceHs(Evaluation ev, ItemFacts item)
    {
        if (ev.Goods is null)
        {
            ev.NotEvaluated.Add(new NotEvaluated("CN-REFERENCE-HS", $"{item.Label}: the PRC catalogue is not loaded, so its HS code was not checked"));
            return;
        }
        var entries = ev.Goods.CnCatalogue.ByReferenceHs(item.Hs);
        if (entries.Count == 0) return;
        ev.Fire("CN", "CN-REFERENCE-HS",
            $"{item.Label}: HS {item.Hs} is a reference code of {string.Join(", ", entries.Select(e => e.ControlCode).Distinct().Take(6))} in the {CnCatalogue.Label}. "
            + "Review: classify the item against those control codes; an HS match alone does not make it listed.");
    }
}
