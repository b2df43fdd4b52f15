using Chokepoint.Core.Values;
using System.Globalization;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Shipments;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Rules.RedFlags;

/// <summary>What a red flag found: raised with a message, not raised, or not evaluated for lack of these facts.</summary>
internal readonly record struct Finding(bool? Raised, string Text)
{
    public static Finding Raise(string message) => new(true, message);
    public static readonly Finding Quiet = new(false, "");
    public static Finding Missing(string facts) => new(null, facts);
}

/// <summary>A red flag of domain.md section 5 as a small named rule; its effect and dates are in rules.tsv.</summary>
internal sealed record RedFlagRule(string Id, Func<Evaluation, Finding> Check);

/// <summary>The 22 red flags. Each reads only the shipment's facts and the rule data, and says which facts it lacked.</summary>
internal static class RedFlagRules
{
    public static readonly IReadOnlyList<RedFlagRule> All =
    [
        new("RF01", HighRiskRoute),
        new("RF02", TransitRussia),
        new("RF03", PayerElsewhere),
        new("RF04", YoungBuyerOfControlled),
        new("RF05", IntermediaryWithoutEndUser),
        new("RF06", VagueEndUse),
        new("RF07", OutOfLine),
        new("RF08", PriceOrCash),
        new("RF09", SplitPayments),
        new("RF10", NoWebPresence),
        new("RF11", ForeignPhone),
        new("RF12", SuspectAddress),
        new("RF13", ListMatches),
        new("RF14", RussiaHistory),
        new("RF15", LateChanges),
        new("RF16", DeclinedServices),
        new("RF17", ChplVolume),
        new("RF18", LetterOfCredit),
        new("RF19", CoLocated),
        new("RF20", FreeZoneChpl),
        new("RF21", NoRussiaClause),
        new("RF22", BlockedOwnership),
    ];

    private static Finding HighRiskRoute(Evaluation ev)
    {
        var where = new List<string>();
        if (ev.InGroup("HIGH_RISK_TRANSSHIPMENT", ev.Consignee.Country)) where.Add($"consignee in {ev.Consignee.Country}");
        // An exporter in a hub sending on goods made elsewhere is the transshipment itself, whoever the consignee is.
        var exporter = ev.Shipment.Exporter.Country;
        var foreign = ev.Items.Where(i => i.Item.Origin is { } o && o != exporter).ToList();
        if (foreign.Count > 0 && ev.InGroup("HIGH_RISK_TRANSSHIPMENT", exporter))
            where.Add($"exporter in {exporter} re-exporting goods of {string.Join(", ", foreign.Select(i => i.Item.Origin).Distinct())} origin");
        foreach (var c in ev.Shipment.Route.Distinct().Where(c => ev.InGroup("HIGH_RISK_TRANSSHIPMENT", c) || ev.InGroup("RUSSIA_BELARUS", c)))
            where.Add($"route through {c}");
        return where.Count > 0 ? Finding.Raise($"High-risk transshipment: {string.Join(", ", where)}.") : Finding.Quiet;
    }

    private static Finding TransitRussia(Evaluation ev)
    {
        var transit = ev.Shipment.Route.Where(c => ev.InGroup("RUSSIA_BELARUS", c)).Distinct().ToList();
        var listed = ev.Items.Where(i => i.EuListed).ToList();
        return transit.Count > 0 && listed.Count > 0
            ? Finding.Raise($"{string.Join(", ", listed.Select(i => i.Label))} would transit {string.Join(", ", transit)}: EU-listed goods may not pass through Russia or Belarus.")
            : Finding.Quiet;
    }

    private static Finding PayerElsewhere(Evaluation ev)
    {
        if (ev.Payer is null) return Finding.Missing("no party has the role payer");
        if (ev.Payer.Has("consignee")) return Finding.Quiet;
        return ev.Payer.Country is not null && ev.Payer.Country != ev.Consignee.Country
            ? Finding.Raise($"The payer {ev.Payer.Name} ({ev.Payer.Country}) is not the consignee and is in another country than {ev.Consignee.Name} ({ev.Consignee.Country}).")
            : ev.Payer.Country is null ? Finding.Missing("the payer's country") : Finding.Quiet;
    }

    /// <summary>A buyer formed after the invasion buying controlled goods: CHPL items, or any item with a control code.</summary>
    private static Finding YoungBuyerOfControlled(Evaluation ev)
    {
        var controlled = ev.Items.Where(i => i.Controlled).ToList();
        if (controlled.Count == 0) return Finding.Quiet;
        var dated = ev.Shipment.Parties.Where(p => p.Incorporated is not null).ToList();
        if (dated.Count == 0) return Finding.Missing("the parties' incorporation dates (incorporated)");
        var young = dated.Where(p => PartyFacts.Incorporated(p.Incorporated!) > new DateOnly(2022, 2, 24)).ToList();
        var what = controlled.All(i => i.ChplTier is not null) ? "CHPL items" : "controlled items";
        return young.Count > 0 ? Finding.Raise($"{string.Join(", ", young.Select(p => $"{p.Name} (incorporated {p.Incorporated})"))} formed after 24 Feb 2022, buying {what}.") : Finding.Quiet;
    }

    private static Finding IntermediaryWithoutEndUser(Evaluation ev)
    {
        if (ev.Consignee.BusinessType is not { } type) return Finding.Missing("the consignee's line of business");
        var intermediary = ev.Rules.Terms("intermediary", ev.Day).Any(t => Words.Has(type, t));
        return intermediary && (ev.EndUser is null || ReferenceEquals(ev.EndUser, ev.Consignee))
            ? Finding.Raise($"The consignee {ev.Consignee.Name} is a {type} and no separate end user is named.")
            : Finding.Quiet;
    }

    private static Finding VagueEndUse(Evaluation ev)
    {
        if (ev.Shipment.EndUseCertificateRefused == true) return Finding.Raise("The buyer refused to provide an end-use certificate.");
        if (ev.EndUser is null) return Finding.Raise("No end user is named.");
        if (string.IsNullOrWhiteSpace(ev.Shipment.EndUse)) return Finding.Raise("No end use is stated.");
        var vague = ev.Rules.Terms("vague-end-use", ev.Day).FirstOrDefault(t => Words.Has(ev.Shipment.EndUse, t));
        return vague is null ? Finding.Quiet : Finding.Raise($"The stated end use \"{ev.Shipment.EndUse}\" is vague (\"{vague}\").");
    }

    private static Finding OutOfLine(Evaluation ev)
    {
        var known = ev.Recipients.Where(p => p.IndustryHs is { Count: > 0 }).ToList();
        if (known.Count == 0) return Finding.Missing("the consignee's or end user's industry (industryHs)");
        var misfits = (from p in known from i in ev.Items
                       where !p.IndustryHs!.Any(h => HsCode.TryParse(h, out var line) && i.Hs.IsUnder(line))
                       select $"{i.Label} (HS {i.Hs}) for {p.Name}").ToList();
        return misfits.Count > 0 ? Finding.Raise($"Outside the buyer's line of business: {string.Join("; ", misfits)}.") : Finding.Quiet;
    }

    private static Finding PriceOrCash(Evaluation ev)
    {
        var priced = ev.Items.Where(i => i.Item.ReferenceUnitPrice is > 0 && i.Item.Quantity > 0).ToList();
        if (priced.Count == 0 && ev.Shipment.Payment?.CashPrepayment is null) return Finding.Missing("reference prices or payment terms");
        var dear = priced.Where(i => i.Item.Value / i.Item.Quantity > 1.3m * i.Item.ReferenceUnitPrice!.Value).ToList();
        if (dear.Count > 0) return Finding.Raise($"Unit price above 1.3 times the reference price: {string.Join(", ", dear.Select(i => i.Label))}.");
        var total = ev.Items.Sum(i => i.Item.Value);
        return ev.Shipment.Payment?.CashPrepayment == true && total >= 10_000
            ? Finding.Raise($"Cash prepayment for goods worth {total.ToString("#,0", CultureInfo.InvariantCulture)}.") : Finding.Quiet;
    }

    private static Finding SplitPayments(Evaluation ev)
    {
        if (ev.Shipment.Payment?.Payments is not { Count: > 0 } payments) return Finding.Missing("the individual payments");
        if (!ev.Items.Any(i => i.ChplTier is not null)) return Finding.Quiet;
        var split = payments.GroupBy(p => p.FromAccount, StringComparer.Ordinal)
            .Where(g => g.Select(p => p.ToSupplier).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2 && g.Any(p => p.FromCountry is not null && p.FromCountry != ev.Consignee.Country))
            .Select(g => g.Key).ToList();
        return split.Count > 0 ? Finding.Raise($"Payments from account {string.Join(", ", split)} abroad are split across several suppliers of CHPL items.") : Finding.Quiet;
    }

    private static Finding NoWebPresence(Evaluation ev)
    {
        var known = ev.Recipients.Where(p => p.Website is not null || p.Email is not null).ToList();
        if (known.Count == 0) return Finding.Missing("the consignee's website or e-mail");
        var freeMail = ev.Rules.Terms("free-mail", ev.Day);
        var found = new List<string>();
        foreach (var p in known)
        {
            if (p.Website is { } w && string.IsNullOrWhiteSpace(w)) found.Add($"{p.Name} has no website");
            if (p.Email is { } m && freeMail.Any(d => m.EndsWith("@" + d, StringComparison.OrdinalIgnoreCase))) found.Add($"{p.Name} uses a free e-mail address ({m})");
        }
        return found.Count > 0 ? Finding.Raise(string.Join("; ", found) + ".") : Finding.Quiet;
    }

    private static Finding ForeignPhone(Evaluation ev)
    {
        var known = ev.Shipment.Parties.Where(p => p.Phone is not null && p.Country is not null && ev.Rules.CallingCodes(p.Country, ev.Day).Count > 0).ToList();
        if (known.Count == 0) return Finding.Missing("phone numbers of parties whose country code is known");
        var foreign = known.Where(p =>
        {
            var digits = new string(p.Phone!.TrimStart().TrimStart('+', '0').TakeWhile(c => char.IsAsciiDigit(c) || c is ' ' or '-').Where(char.IsAsciiDigit).ToArray());
            return !ev.Rules.CallingCodes(p.Country!, ev.Day).Any(c => digits.StartsWith(c, StringComparison.Ordinal));
        }).ToList();
        return foreign.Count > 0 ? Finding.Raise($"Phone number abroad: {string.Join(", ", foreign.Select(p => $"{p.Name} ({p.Country}) {p.Phone}"))}.") : Finding.Quiet;
    }

    private static Finding SuspectAddress(Evaluation ev)
    {
        var known = ev.Shipment.Parties.Where(p => p.AddressType is not null || p.SharedAddressCount is not null || p.AddressSharedWithListedParty is not null).ToList();
        if (known.Count == 0) return Finding.Missing("address type or sharing of the parties' addresses");
        var found = new List<string>();
        foreach (var p in known)
        {
            if (p.AddressType is "residential" or "virtual") found.Add($"{p.Name}'s address is {p.AddressType}");
            if (p.SharedAddressCount >= 5) found.Add($"{p.Name} shares its address with {p.SharedAddressCount} firms");
            if (p.AddressSharedWithListedParty == true) found.Add($"{p.Name} shares its address with a listed party");
        }
        return found.Count > 0 ? Finding.Raise(string.Join("; ", found) + ".") : Finding.Quiet;
    }

    private static Finding ListMatches(Evaluation ev)
    {
        var hits = ev.Screened.SelectMany(s => s.Hits.Select(h => $"{s.Party.Name} ~ {h.Name} ({h.List}{(h.SourceList == h.List ? "" : ": " + h.SourceList)}, {h.Score:0.00}"
            + (h.Score < ScreenOptions.Default.Value ? ", below the alert threshold: written differently, or someone else" : "") + ")")).ToList();
        return hits.Count > 0 ? Finding.Raise($"List matches: {string.Join("; ", hits.Take(8))}.") : Finding.Quiet;
    }

    private static Finding RussiaHistory(Evaluation ev)
    {
        var known = ev.Recipients.Where(p => p.History is { ShippedToRussiaOrBelarus: not null } or { OrderRepointedFromRussiaOrBelarus: not null }).ToList();
        if (known.Count == 0) return Finding.Missing("the customer's shipment history");
        var found = known.Where(p => p.History!.ShippedToRussiaOrBelarus == true || p.History.OrderRepointedFromRussiaOrBelarus == true).ToList();
        return found.Count > 0 ? Finding.Raise($"{string.Join(", ", found.Select(p => p.Name))} has shipped to Russia or Belarus, or had an order re-pointed from there.") : Finding.Quiet;
    }

    private static Finding LateChanges(Evaluation ev) =>
        ev.Shipment.LateChanges is not { } changes ? Finding.Missing("whether consignee, route or terms changed late")
        : changes.Count > 0 ? Finding.Raise($"Late change of {string.Join(", ", changes)}.") : Finding.Quiet;

    private static Finding DeclinedServices(Evaluation ev) =>
        ev.Shipment.DeclinedServices is not { } declined ? Finding.Missing("whether installation, training or warranty was declined")
        : declined.Count > 0 ? Finding.Raise($"The buyer declined {string.Join(", ", declined)}.") : Finding.Quiet;

    private static Finding ChplVolume(Evaluation ev)
    {
        var chpl = ev.Items.Where(i => i.ChplTier is not null).ToList();
        if (chpl.Count == 0) return Finding.Quiet;
        if (ev.Consignee.History?.AverageChplQuantity12M is not { } average) return Finding.Missing("the consignee's 12-month average CHPL quantity");
        var quantity = chpl.Sum(i => i.Item.Quantity);
        return quantity > 3 * average ? Finding.Raise($"CHPL quantity {quantity:#,0.###} is more than 3 times the 12-month average of {average:#,0.###}.") : Finding.Quiet;
    }

    private static Finding LetterOfCredit(Evaluation ev)
    {
        if (ev.Shipment.Payment?.LetterOfCreditConsignedToIssuingBank is not { } toBank) return Finding.Missing("letter-of-credit terms");
        return toBank && ev.EndUser is null ? Finding.Raise("The letter of credit consigns the goods to the issuing bank and no end user is named.") : Finding.Quiet;
    }

    private static Finding CoLocated(Evaluation ev)
    {
        var known = ev.Recipients.Where(p => p.ColocatedWith is not null).ToList();
        if (known.Count == 0) return Finding.Missing("whether the end user's site is shared");
        var found = known.Where(p => p.ColocatedWith is "military" or "listed").ToList();
        return found.Count > 0 ? Finding.Raise($"{string.Join(", ", found.Select(p => $"{p.Name} shares a site with a {p.ColocatedWith} party"))}.") : Finding.Quiet;
    }

    private static Finding FreeZoneChpl(Evaluation ev)
    {
        var high = ev.Items.Where(i => i.ChplTier is "1" or "2").ToList();
        if (high.Count == 0) return Finding.Quiet;
        var forms = ev.Rules.Terms("free-zone", ev.Day);
        var c = ev.Consignee;
        var freeZone = c.FreeZone == true || c.Country == "HK" || forms.Any(f => Words.Has(c.Name, f));
        return freeZone ? Finding.Raise($"Free-zone consignee {c.Name} buying CHPL Tier 1/2 items ({string.Join(", ", high.Select(i => i.Label))}).") : Finding.Quiet;
    }

    private static Finding NoRussiaClause(Evaluation ev)
    {
        if (!ev.Applies("EU")) return Finding.Quiet;
        var dest = ev.Destination;
        if (!ev.Items.Any(i => i.ChplTier is not null) || dest is null || ev.InGroup("EU_MEMBER", dest) || ev.InGroup("EU_PARTNER_ANNEX_VIII", dest) || ev.InGroup("RUSSIA_BELARUS", dest))
            return Finding.Quiet;
        if (ev.Shipment.Contract is not { NoRussiaClause: { } clause } contract) return Finding.Missing("whether the contract has the Art 12g no-Russia clause");
        if (clause) return Finding.Quiet;
        // Contracts concluded before 19 Dec 2023 had until 20 Dec 2024 (or their expiry) to comply.
        var grandfathered = contract.Date is { } signed && signed < new DateOnly(2023, 12, 19) && ev.Day < new DateOnly(2024, 12, 20);
        return grandfathered ? Finding.Quiet
            : Finding.Raise($"The contract has no clause prohibiting re-export to Russia for Annex XL goods to {dest} (not an Annex VIII partner): hold the shipment until it is added.");
    }

    private static Finding BlockedOwnership(Evaluation ev)
    {
        if (ev.Shipment.Ownership is null) return Finding.Missing("the parties' owners");
        var blocked = ev.BlockedOwnership.Where(kv => kv.Value >= 0.5m).ToList();
        return blocked.Count > 0
            ? Finding.Raise(string.Join("; ", blocked.Select(kv => $"{kv.Key} is {kv.Value:0.##%} owned by blocked persons in aggregate")) + ": it is blocked by the OFAC 50 % rule.")
            : Finding.Quiet;
    }
}

/// <summary>Whole-word, case-insensitive phrase search: "resale" in "resale to Armenian industry", not in "presale".</summary>
internal static class Words
{
    public static bool Has(string text, string phrase)
    {
        var at = 0;
        while ((at = text.IndexOf(phrase, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + phrase.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
            at = end;
        }
        return false;
    }
}
