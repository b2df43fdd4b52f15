using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>A period of a hub's imports of a product from its origins beside its exports of it to a destination.
/// A ratio near or above 1 says the hub passes on what it brings in; by quantity where both sides count the same unit.</summary>
public sealed record ReExportRow(TradePeriod Period, double Imports, double Exports, double? Ratio, double? ImportQuantity, double? ExportQuantity, double? QuantityRatio, string? Unit, int Months);

public sealed record ReExportReport(TradeArea Hub, IReadOnlyList<TradeArea> Origins, TradeArea Destination, ProductCode Product, string Currency, string Source, IReadOnlyList<ReExportRow> Rows);

/// <summary>Re-export ratio for a hub: imports from origin(s) O against exports to destination D, by period.</summary>
public static class ReExport
{
    public static ReExportReport Of(IReadOnlyList<TradeSeries> imports, TradeSeries exports, bool monthly = false)
    {
        if (imports.Count == 0) throw new TradeQueryException("A re-export ratio needs the hub's imports from at least one origin.");
        if (imports.Any(s => s.Key.Flow != TradeFlow.Import) || exports.Key.Flow != TradeFlow.Export)
            throw new TradeQueryException("A re-export ratio sets the hub's imports from its origins against its exports to a destination.");
        if (imports.Any(s => s.Currency != exports.Currency)) throw new TradeQueryException("The hub's imports and exports are stored in different currencies; name one dataset.");
        if (monthly && !(exports.Monthly && imports.All(s => s.Monthly))) throw new TradeQueryException("Monthly ratios need monthly figures on both sides.");
        IReadOnlyList<TradePoint> Pick(TradeSeries s) => monthly ? s.Points : s.Annual();
        var exported = Pick(exports).ToDictionary(p => p.Period);
        var brought = imports.SelectMany(Pick).GroupBy(p => p.Period).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<ReExportRow>();
        foreach (var period in brought.Keys.Union(exported.Keys).Order())
        {
            var ins = brought.GetValueOrDefault(period) ?? [];
            var outp = exported.GetValueOrDefault(period);
            var inValue = ins.Sum(p => p.Value);
            var outValue = outp?.Value ?? 0;
            var unit = outp?.Unit;
            double? inQty = unit is not null && ins.Count > 0 && ins.All(p => p.Unit == unit && p.Quantity is not null) ? ins.Sum(p => p.Quantity!.Value) : null;
            double? outQty = inQty is null ? null : outp!.Quantity;
            rows.Add(new ReExportRow(period, inValue, outValue, inValue > 0 ? outValue / inValue : null, inQty, outQty,
                inQty is > 0 && outQty is not null ? outQty / inQty : null, inQty is null ? null : unit,
                // A year the data cover only in part is a ratio of the same months on both sides, but says how many.
                period.IsYear ? Math.Min(exports.MonthsOf(period.Year).Count, imports.Min(s => s.MonthsOf(period.Year).Count)) : 1));
        }
        return new ReExportReport(exports.Key.Reporter, [.. imports.Select(s => s.Key.Partner)], exports.Key.Partner, exports.Key.Product, exports.Currency,
            string.Join(" / ", imports.Select(s => s.Source).Append(exports.Source).Distinct()), rows);
    }
}
