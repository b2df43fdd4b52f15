using System.Globalization;
using Chokepoint.Analytics.Model;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>
/// UN Comtrade extracts with the legacy API v1 columns (period_desc, aggregate_level, trade_code, reporter_code,
/// partner_iso, commodity_code, mot_code, Qty, QtyUnitAbbr, trade_value_us, ...). The extracts mix levels (a 4-digit
/// heading and its 6-digit subheadings) and split each figure by mode of transport: every level is kept under its own
/// code, so a total reads one level only, and the modes of one figure are added up, unless the extract also gives
/// their total (mot_code 0), which is then taken as it stands. Re-exports and re-imports are already part of exports
/// and imports and are not added again.
/// </summary>
public sealed class UnComtrade : ITradeFormat
{
    private static readonly string[] Columns = ["period_desc", "aggregate_level", "trade_code", "reporter_code", "partner_code", "partner_iso",
        "commodity_code", "mot_code", "Qty", "QtyUnitAbbr", "trade_value_us"];

    public string Name => "un-comtrade";

    public bool Recognises(IReadOnlySet<string> header) => header.Contains("trade_value_us") && header.Contains("commodity_code");

    public TradeFile Read(string path)
    {
        var (rows, latin) = StatisticsText.CsvRows(path);
        var figures = new Dictionary<(string, string, TradeFlow, string, int), Figure>();
        var count = 0;
        var reRows = 0;
        foreach (var r in CsvTable.Read(path, rows, Columns))
        {
            count++;
            TradeFlow flow;
            switch (r["trade_code"])
            {
                case "M": flow = TradeFlow.Import; break;
                case "X": flow = TradeFlow.Export; break;
                case "RM" or "RX": reRows++; continue;
                case var other: throw TradeFiles.Bad(path, r.Line, $"trade_code '{other}' is not M, X, RM or RX");
            }
            var reporter = TradeAreas.FromM49(r["reporter_code"] ?? "") ?? throw TradeFiles.Bad(path, r.Line, $"reporter_code '{r["reporter_code"]}' is not a country this product knows");
            var partner = Partner(path, r);
            var product = Product(path, r);
            var period = Period(path, r.Line, r["period_desc"]);
            var value = TradeFiles.Amount(path, r.Line, "trade_value_us", r["trade_value_us"]);
            var unit = r["QtyUnitAbbr"] is { } u && u is not ("N/A" or "NA" or "-1") ? u : null;
            double? qty = unit is not null && r["Qty"] is { } q && q != "NA" ? TradeFiles.Amount(path, r.Line, "Qty", q) : null;
            var allModes = (r["mot_code"] ?? throw TradeFiles.Bad(path, r.Line, "mot_code is empty")) == "0";
            var key = (reporter.Code, partner.Code, flow, product.Code, period.Key);
            var obs = new TradeObservation(reporter, partner, flow, product, period, value, qty, unit);
            figures[key] = figures.TryGetValue(key, out var f) ? f.With(path, r.Line, obs, allModes) : new Figure(obs, allModes, r.Line);
        }
        var set = new ObservationSet(path);
        foreach (var f in figures.Values) set.Add(f.Observation, f.Line);
        var notes = set.Notes(latin);
        if (reRows > 0) notes.Add($"{reRows} re-export or re-import row(s) are part of exports or imports and were not added again.");
        return new TradeFile(Name, "UN Comtrade", "USD", "imports CIF, exports FOB (trade_value_us)", set.Observations, count, notes);
    }

    /// <summary>One figure built from its rows: the total of all modes when the extract gives it, else the sum of the modes.</summary>
    private sealed record Figure(TradeObservation Observation, bool AllModes, long Line)
    {
        public Figure With(string path, long line, TradeObservation mode, bool allModes)
        {
            if (AllModes && allModes) throw TradeFiles.Bad(path, line, $"a second all-modes figure for {mode.Reporter} {mode.Flow.Word()} {mode.Partner} {mode.Product} {mode.Period} (the first is on line {Line})");
            if (AllModes) return this;
            if (allModes) return new Figure(mode, true, line);
            var o = Observation;
            var quantity = o.Quantity is { } a && mode.Quantity is { } b && o.Unit == mode.Unit ? a + b : (double?)null;
            return this with { Observation = o with { Value = o.Value + mode.Value, Quantity = quantity, Unit = quantity is null ? null : o.Unit } };
        }
    }

    private static TradeArea Partner(string path, CsvTable.CsvRecord r)
    {
        if (r["partner_iso"] is { } iso && TradeAreas.FromIso3(iso) is { } byIso) return byIso;
        var code = r["partner_code"] ?? throw TradeFiles.Bad(path, r.Line, "partner_code is empty");
        if (TradeAreas.FromM49(code) is { } byCode) return byCode;
        if (!code.All(char.IsAsciiDigit)) throw TradeFiles.Bad(path, r.Line, $"partner_code '{code}' is not a UN M49 code");
        return new TradeArea("M49:" + code, AreaKind.Other, r["partner"] ?? code);
    }

    private static ProductCode Product(string path, CsvTable.CsvRecord r)
    {
        var code = r["commodity_code"];
        if (code is null) throw TradeFiles.Bad(path, r.Line, "commodity_code is empty");
        ProductCode product;
        try
        {
            product = ProductCode.Parse(code);
        }
        catch (TradeQueryException)
        {
            throw TradeFiles.Bad(path, r.Line, $"commodity_code '{code}' is neither TOTAL nor an HS code of 2, 4 or 6 digits");
        }
        // The level Comtrade states must be the code's own: a 6-digit code at level 4 would be counted in two levels.
        if (!product.IsTotal && r["aggregate_level"] != product.Level.ToString(CultureInfo.InvariantCulture))
            throw TradeFiles.Bad(path, r.Line, $"commodity_code {code} has {product.Level} digits but aggregate_level says {r["aggregate_level"]}");
        return product;
    }

    /// <summary>period_desc as yyyymm (a month) or yyyy (a year).</summary>
    private static TradePeriod Period(string path, long line, string? cell)
    {
        var c = cell ?? "";
        if (c.All(char.IsAsciiDigit))
        {
            if (c.Length == 6 && int.Parse(c[4..], CultureInfo.InvariantCulture) is >= 1 and <= 12 && int.Parse(c[..4], CultureInfo.InvariantCulture) is >= 1900 and <= 2100)
                return TradePeriod.OfMonth(int.Parse(c[..4], CultureInfo.InvariantCulture), int.Parse(c[4..], CultureInfo.InvariantCulture));
            if (c.Length == 4 && int.Parse(c, CultureInfo.InvariantCulture) is >= 1900 and <= 2100) return TradePeriod.OfYear(int.Parse(c, CultureInfo.InvariantCulture));
        }
        throw TradeFiles.Bad(path, line, $"period_desc '{cell}' is not a month (202401) or a year (2024)");
    }
}
