using Chokepoint.Core.Values;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;

namespace Chokepoint.Rules.Jurisdictions;

/// <summary>
/// US rules: the EAR for items subject to it (US exporter, US origin, US content above de minimis, or an ECCN given)
/// and OFAC for US persons. Russia/Belarus: every CCL item and Supp. No. 4 EAR99 items need a licence (746.8);
/// military end users (744.21); other CCL items are held for a Country Chart check, since the CCL is not loaded here.
/// Entity List and SDN parties come in through the party-list consequences; the 50 % rule is red flag RF22.
/// </summary>
internal sealed class UsRules : IJurisdiction
{
    /// <summary>EAR 734.4 de minimis share for most destinations; the stricter 10 % cases are not modelled (verify).</summary>
    private const decimal DeMinimis = 0.25m;

    public string Code => "US";

    public bool Applies(Evaluation ev) =>
        ev.Shipment.Exporter.Country == "US" || ev.Shipment.Exporter.UsPerson == true
        || ev.Items.Any(i => i.Item.Origin == "US" || i.Item.UsContentShare > DeMinimis || i.Us is not null);

    public void Evaluate(Evaluation ev)
    {
        var russiaBelarus = ev.InGroup("RUSSIA_BELARUS", ev.Destination) || ev.Recipients.Any(p => ev.InGroup("RUSSIA_BELARUS", p.Country));
        foreach (var item in ev.Items)
        {
            if (item.Us is null)
            {
                ev.Fire(Code, "CLASSIFY-REVIEW", $"{item.Label} is subject to the EAR but has no ECCN (or EAR99): classify it.");
                continue;
            }
            var ear99 = item.Us.Value.Shape == ControlCodeShape.Ear99;
            if (russiaBelarus && !ear99)
            {
                if (!Authorisation.TryLicence(ev, Code, item, item.Us, "US-AUTHORISED", "US-RU-CCL"))
                    ev.Fire(Code, "US-RU-CCL", $"{item.Label} is on the CCL ({item.Us}): a licence is required to {ev.Destination}, reviewed under a policy of denial.");
            }
            else if (russiaBelarus && ev.Rules.UsSupp4(item.Hs, ev.Day) is not null)
            {
                if (!Authorisation.TryLicence(ev, Code, item, item.Us, "US-AUTHORISED", "US-RU-SUPP4"))
                    ev.Fire(Code, "US-RU-SUPP4", $"{item.Label} is EAR99 but HS {item.Hs} is in Supp. No. 4 to Part 746: a licence is required to {ev.Destination}, reviewed under a policy of denial.");
            }
            else if (!ear99 && !Authorisation.TryLicence(ev, Code, item, item.Us, "US-AUTHORISED", "US-CCL-COUNTRY-CHART"))
                ev.Fire(Code, "US-CCL-COUNTRY-CHART", $"{item.Label} is {item.Us}: check its reasons for control against {ev.Destination} in the Country Chart and any licence exception.");
            if (item.ChplTier is not null && !ev.InGroup("EU_PARTNER_ANNEX_VIII", ev.Destination) && ev.Destination != "US") ev.Oblige("ENHANCED_DUE_DILIGENCE_CHPL");
        }
        var military = ev.Rules.Terms("military-user", ev.Day);
        foreach (var p in ev.Recipients.Where(p => ev.InGroup("US_744_21", p.Country)))
            if (p.BusinessType is { } type && military.Any(m => type.Contains(m, StringComparison.OrdinalIgnoreCase)))
                ev.Fire(Code, "US-MILITARY-END-USE", $"{p.Name} ({p.Country}) is a military end user: a licence is required for items subject to the EAR.");
        foreach (var n in ev.Shipment.Notifications.Where(n => n.Jurisdiction == Code))
            ev.Fire(Code, "US-MILITARY-END-USE", $"BIS informed the exporter{(n.Reason is null ? "" : $" ({n.Reason})")}: a licence is required.");
        ev.Oblige("KEEP_RECORDS_5Y");
    }
}
