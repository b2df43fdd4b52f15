using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>One period of a flow against its baseline: the index (baseline = 1) and the change in the currency. A year
/// the data covers only in part is compared with the same months of the baseline years, and says so.</summary>
public sealed record GrowthRow(TradePeriod Period, double Value, double Baseline, double? Index, double Change, int Months, string? Note);

public sealed record GrowthReport(SeriesKey Key, Baseline Baseline, bool Monthly, string Currency, string Source, IReadOnlyList<GrowthRow> Rows);

/// <summary>Growth of a flow against a baseline period.</summary>
public static class Growth
{
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Annual: each year against the baseline years' average (a part year against the same months of them).
    /// Monthly: each month against the baseline's average for that calendar month, so that seasons cancel out.</summary>
    public static GrowthReport Of(TradeSeries series, Baseline baseline, bool monthly = false)
    {
        if (monthly && !series.Monthly) throw new TradeQueryException($"{series.Key} is published by year only; ask for annual growth.");
        return new GrowthReport(series.Key, baseline, monthly, series.Currency, series.Source, monthly ? Monthly(series, baseline) : Annual(series, baseline));
    }

    private static List<GrowthRow> Annual(TradeSeries series, Baseline baseline)
    {
        var years = series.Annual().ToDictionary(p => p.Period.Year);
        foreach (var y in baseline.Years)
        {
            if (!years.TryGetValue(y, out var p)) throw new TradeQueryException($"{series.Key} has no figure for baseline year {y}; the series runs {series.Points[0].Period}–{series.Points[^1].Period}.");
            if (!p.WholeYear) throw new TradeQueryException($"{series.Key} covers only {p.Covered} month(s) of baseline year {y}; a baseline needs whole years.");
        }
        var whole = baseline.Years.Average(y => years[y].Value);
        var rows = new List<GrowthRow>();
        foreach (var p in series.Annual())
        {
            if (p.WholeYear) { rows.Add(Row(p, whole, null)); continue; }
            // A part year: the same months of every baseline year, so that Jan–Aug is never set against whole years.
            var months = series.MonthsOf(p.Period.Year);
            var same = baseline.Years.Average(y => months.Sum(m => series.ValueOf(y, m) ?? 0));
            rows.Add(Row(p, same, $"{Months(months)} only, against the same months of {baseline}"));
        }
        return rows;
    }

    private static List<GrowthRow> Monthly(TradeSeries series, Baseline baseline)
    {
        var byMonth = new Dictionary<int, double>();
        for (var m = 1; m <= 12; m++)
        {
            var values = baseline.Years.Select(y => series.ValueOf(y, m)).ToList();
            if (values.Any(v => v is null)) throw new TradeQueryException($"{series.Key}: the data do not cover {MonthNames[m - 1]} of every baseline year {baseline}.");
            byMonth[m] = values.Average(v => v!.Value);
        }
        return [.. series.Points.Select(p => Row(p, byMonth[p.Period.Month], null))];
    }

    private static GrowthRow Row(TradePoint p, double baseline, string? note) =>
        new(p.Period, p.Value, baseline, baseline > 0 ? p.Value / baseline : null, p.Value - baseline, p.Covered, note);

    /// <summary>"Jan–Aug" for a run of months, else the months named.</summary>
    internal static string Months(IReadOnlySet<int> months)
    {
        var sorted = months.Order().ToList();
        return sorted.Count > 1 && sorted[^1] - sorted[0] == sorted.Count - 1
            ? $"{MonthNames[sorted[0] - 1]}–{MonthNames[sorted[^1] - 1]}"
            : string.Join(", ", sorted.Select(m => MonthNames[m - 1]));
    }
}
