using Chokepoint.Core.Values;
using System.Globalization;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Rules.Decisions;

/// <summary>
/// Whether a licence the shipment references covers one item: jurisdiction, status, validity on the evaluation date,
/// a line for the item's control or HS code, the destination, the end user and the remaining balance (quantity, value
/// or both, as the line is controlled). Items of one shipment drawing on the same line add up.
/// </summary>
internal static class LicenceCheck
{
    private static readonly string[] Usable = ["Issued", "Active"];

    /// <summary>The licence use for an item in a jurisdiction, or null when the shipment references no licence of it.</summary>
    public static LicenceUse? Cover(Evaluation ev, string jurisdiction, ItemFacts item, ControlCode? code)
    {
        LicenceUse? refusal = null;
        foreach (var number in ev.Shipment.Licences)
        {
            var licence = ev.Licences.Find(number);
            if (licence is null)
            {
                refusal ??= new LicenceUse(number, null, item.Label, false, $"Licence {number} is not on file.", null, null, null);
                continue;
            }
            if (licence.Jurisdiction != jurisdiction) continue;
            var use = Check(ev, licence, item, code);
            if (use.Covers) return use;
            refusal = use;
        }
        return refusal;
    }

    private static LicenceUse Check(Evaluation ev, LicenceView licence, ItemFacts item, ControlCode? code)
    {
        LicenceUse No(string why, string? change = null) => new(licence.Number, null, item.Label, false, why, null, null, null) { KeyChange = change };
        if (!Usable.Contains(licence.Status)) return No($"Licence {licence.Number} is {licence.Status}; only an issued or active licence can be used.");
        if (!licence.Validity.Contains(ev.Day))
            return No($"Licence {licence.Number} is valid {licence.ValidFrom:yyyy-MM-dd} to {licence.ValidTo:yyyy-MM-dd}, not on {ev.Day:yyyy-MM-dd}.");
        var lines = licence.Lines.Where(l => CodeFits(l, code, item.Hs)).ToList();
        if (lines.Count == 0) return No($"No line of licence {licence.Number} is for {code?.Value ?? item.Hs}.", "item");
        LicenceUse? last = null;
        foreach (var line in lines)
        {
            last = CheckLine(ev, licence, line, item);
            if (last.Covers) return last;
        }
        return last!;
    }

    private static LicenceUse CheckLine(Evaluation ev, LicenceView licence, LicenceLineView line, ItemFacts item)
    {
        LicenceUse No(string why, string? change = null) => new(licence.Number, line.Line, item.Label, false, why, null, null, line.Unit) { KeyChange = change };
        if (line.Destinations.Count > 0 && !line.Destinations.Contains(ev.Destination ?? ""))
            return No($"Licence {licence.Number} line {line.Line} is for {string.Join(", ", line.Destinations)}, not {ev.Destination}.", "destination");
        var endUser = (ev.EndUser ?? ev.Consignee).Name;
        if (line.EndUsers.Count > 0 && !line.EndUsers.Any(u => SameName(u, endUser)))
            return No($"Licence {licence.Number} line {line.Line} does not name the end user {endUser}.", "end user");
        if (line.Quantity is not null && line.Unit is not null && item.Item.Unit is not null && !string.Equals(line.Unit, item.Item.Unit, StringComparison.OrdinalIgnoreCase))
            return No($"Licence {licence.Number} line {line.Line} counts in {line.Unit}, the item in {item.Item.Unit}.");
        var qtyLeft = line.Quantity - line.QuantityUsed - ev.DrawnQuantity(licence.Number, line.Line);
        var valueLeft = line.Value - line.ValueUsed - ev.DrawnValue(licence.Number, line.Line);
        if (qtyLeft is { } q && item.Item.Quantity > q)
            return No($"{Amount(item.Item.Quantity)} {line.Unit} exceeds the {Amount(Math.Max(q, 0))} {line.Unit} left on licence {licence.Number} line {line.Line} "
                      + $"by {Amount(item.Item.Quantity - Math.Max(q, 0))} {line.Unit}; a shipment of at most {Amount(Math.Max(q, 0))} {line.Unit} would be covered by it. Do not draw down more than the balance.", "quantity");
        if (valueLeft is { } v && item.Item.Value > v)
            return No($"{Amount(item.Item.Value)} {line.Currency} exceeds the {Amount(Math.Max(v, 0))} {line.Currency} of value left on licence {licence.Number} line {line.Line}.", "value");
        ev.Draw(licence.Number, line.Line, item.Item.Quantity, item.Item.Value);
        var remaining = qtyLeft is { } left ? left - item.Item.Quantity : (decimal?)null;
        var message = $"Covered by {licence.Type} licence {licence.Number} line {line.Line} (valid to {licence.ValidTo:yyyy-MM-dd}): draw down {Amount(item.Item.Quantity)} {line.Unit}"
                      + (remaining is { } r ? $"; {Amount(r)} {line.Unit} remains." : ".");
        return new LicenceUse(licence.Number, line.Line, item.Label, true, message, item.Item.Quantity, remaining, line.Unit);
    }

    private static bool CodeFits(LicenceLineView line, ControlCode? code, HsCode hs) =>
        line.ControlCode is { } lc ? code is { Value: var c } && (c == lc || c.StartsWith(lc + ".", StringComparison.Ordinal))
        : line.HsCode is { } lh && HsCode.TryParse(lh, out var licensed) && hs.IsUnder(licensed);

    private static bool SameName(string a, string b) =>
        string.Equals(string.Join(' ', a.Split(' ', StringSplitOptions.RemoveEmptyEntries)), string.Join(' ', b.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    public static string Amount(decimal d) => d.ToString("#,0.###", CultureInfo.InvariantCulture);
}
