using System.Globalization;
using Chokepoint.Analytics.Model;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>
/// Eurostat Comext "Relational View" downloads: REPORTER, PARTNER, PRODUCT, FLOW, STAT_PROCEDURE, PERIOD, VALUE_IN_EUR,
/// with labels either plain ("EXPORT", "Total") or coded ("2-EXPORT", "TOTAL-Total"). The reporters are member states
/// and the groups beside them (EU-27, the EU and euro area of each period's composition): each is kept under its own
/// code, so a total is read from one group, never summed with its members. Only the total of all statistical
/// procedures is read; a procedure on its own is a part of it.
/// </summary>
public sealed class EurostatComext : ITradeFormat
{
    private static readonly string[] Columns = ["REPORTER", "PARTNER", "PRODUCT", "FLOW", "STAT_PROCEDURE", "PERIOD", "VALUE_IN_EUR"];
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public string Name => "eurostat-comext";

    public bool Recognises(IReadOnlySet<string> header) => header.Contains("VALUE_IN_EUR") && header.Contains("STAT_PROCEDURE");

    public TradeFile Read(string path)
    {
        var (rows, latin) = StatisticsText.CsvRows(path);
        var set = new ObservationSet(path);
        var count = 0;
        var confidential = 0;
        foreach (var r in CsvTable.Read(path, rows, Columns))
        {
            count++;
            var value = r["VALUE_IN_EUR"];
            // Comext writes ':' where a figure is confidential or not available: no figure, not zero.
            if (value == ":") { confidential++; continue; }
            if (!Label(r["STAT_PROCEDURE"]).Equals("Total", StringComparison.OrdinalIgnoreCase))
                throw TradeFiles.Bad(path, r.Line, $"STAT_PROCEDURE '{r["STAT_PROCEDURE"]}' is one procedure, a part of the total; download the total of all procedures");
            set.Add(new TradeObservation(Area(path, r.Line, "REPORTER", r["REPORTER"]), Area(path, r.Line, "PARTNER", r["PARTNER"]),
                Flow(path, r.Line, r["FLOW"]), Product(path, r.Line, r["PRODUCT"]), Period(path, r.Line, r["PERIOD"]),
                TradeFiles.Amount(path, r.Line, "VALUE_IN_EUR", value)), r.Line);
        }
        var notes = set.Notes(latin);
        if (confidential > 0) notes.Add($"{confidential} row(s) had no figure (':', confidential or not available) and were left out.");
        return new TradeFile(Name, "Eurostat (Comext)", "EUR", "exports FOB, imports CIF", set.Observations, count, notes);
    }

    private static TradeArea Area(string path, long line, string column, string? label) =>
        TradeAreas.FromEurostatLabel(label ?? "") ?? throw TradeFiles.Bad(path, line, $"{column} '{label}' is not a country or group this product knows");

    /// <summary>"2-EXPORT" → "EXPORT", "TOTAL-Total" → "Total"; a plain label stays.</summary>
    private static string Label(string? cell)
    {
        var c = cell ?? "";
        var dash = c.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && !c[..dash].Contains(' ', StringComparison.Ordinal) ? c[(dash + 1)..].Trim() : c.Trim();
    }

    private static TradeFlow Flow(string path, long line, string? cell) => Label(cell).ToUpperInvariant() switch
    {
        "IMPORT" => TradeFlow.Import,
        "EXPORT" => TradeFlow.Export,
        _ => throw TradeFiles.Bad(path, line, $"FLOW '{cell}' is neither IMPORT nor EXPORT"),
    };

    private static ProductCode Product(string path, long line, string? cell)
    {
        var c = (cell ?? "").Trim();
        if (c.Equals("Total", StringComparison.OrdinalIgnoreCase) || c.StartsWith("TOTAL", StringComparison.OrdinalIgnoreCase)) return ProductCode.Total;
        var digits = new string([.. c.TakeWhile(char.IsAsciiDigit)]);
        if (digits.Length is 2 or 4 or 6 && (c.Length == digits.Length || !char.IsAsciiDigit(c[digits.Length]))) return ProductCode.Parse(digits);
        throw TradeFiles.Bad(path, line, $"PRODUCT '{cell}' is neither Total nor an HS code of 2, 4 or 6 digits");
    }

    /// <summary>"Aug. 2024", "May 2024", "Sept. 2024"; a whole year as "2024" or "Jan.-Dec. 2024".</summary>
    private static TradePeriod Period(string path, long line, string? cell)
    {
        var c = (cell ?? "").Trim();
        var space = c.LastIndexOf(' ');
        var yearText = space < 0 ? c : c[(space + 1)..];
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100)
            throw TradeFiles.Bad(path, line, $"PERIOD '{cell}' has no year");
        if (space < 0) return TradePeriod.OfYear(year);
        var month = c[..space].TrimEnd('.').ToLowerInvariant();
        if (month is "jan.-dec" or "jan-dec") return TradePeriod.OfYear(year);
        var index = Array.IndexOf(Months, month.Length >= 3 ? month[..3] : month);
        if (index < 0 || (month.Length > 3 && month != "sept" && !month.Equals(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(index + 1), StringComparison.OrdinalIgnoreCase)))
            throw TradeFiles.Bad(path, line, $"PERIOD '{cell}' is not a month such as 'Aug. 2024'");
        return TradePeriod.OfMonth(year, index + 1);
    }
}
