namespace Chokepoint.Analytics.Model;

/// <summary>Which figures: what <see cref="Reporter"/> reports of its <see cref="Flow"/> with <see cref="Partner"/>, of a product.</summary>
public readonly record struct SeriesKey(TradeArea Reporter, TradeArea Partner, TradeFlow Flow, ProductCode Product)
{
    public override string ToString() => $"{Reporter} {Flow.Word()} {(Flow == TradeFlow.Import ? "from" : "to")} {Partner}, {(Product.IsTotal ? "all goods" : "HS " + Product.Code)}";
}

/// <summary>One figure of a series; <see cref="Months"/> says how many months a year's figure covers (12 for a
/// published annual figure, fewer where monthly data stops mid-year).</summary>
public sealed record TradePoint(TradePeriod Period, double Value, double? Quantity = null, string? Unit = null, int Months = 0)
{
    public int Covered => Months > 0 ? Months : Period.IsYear ? 12 : 1;
    public bool WholeYear => Period.IsYear && Covered == 12;
}

/// <summary>The figures of one series in period order, with the datasets and currency they come from.</summary>
public sealed record TradeSeries(SeriesKey Key, string Currency, IReadOnlyList<Store.TradeDataset> Datasets, IReadOnlyList<TradePoint> Points)
{
    public bool Monthly => Points.Count > 0 && !Points[0].Period.IsYear;

    /// <summary>Where the figures come from, for a chart or a table: publisher, datasets and the periods covered.</summary>
    public string Source => $"{string.Join("; ", Datasets.Select(d => d.Publisher).Distinct())} ({string.Join(", ", Datasets.Select(d => $"{d.Name} v{d.Version}"))}), {Points[0].Period}–{Points[^1].Period}, {Currency}";

    /// <summary>Each year's figure: as published, or the sum of its months with the number of months the datasets
    /// cover. A month the datasets cover without a figure for this series had no trade (publishers leave out zero rows).</summary>
    public IReadOnlyList<TradePoint> Annual()
    {
        if (!Monthly) return Points;
        var years = Datasets.SelectMany(d => Enumerable.Range(d.First.Year, d.Last.Year - d.First.Year + 1)).Distinct().Order();
        return [.. years.Select(y =>
        {
            var points = Points.Where(p => p.Period.Year == y).ToList();
            var unit = points.FirstOrDefault()?.Unit;
            var counted = points.Count > 0 && points.All(p => p.Quantity is not null && p.Unit == unit);
            return new TradePoint(TradePeriod.OfYear(y), points.Sum(p => p.Value), counted ? points.Sum(p => p.Quantity!.Value) : null, counted ? unit : null, MonthsOf(y).Count);
        }).Where(p => p.Covered > 0)];
    }

    /// <summary>The months of one year that the series' datasets cover, 1–12.</summary>
    public IReadOnlySet<int> MonthsOf(int year) =>
        Enumerable.Range(1, 12).Where(m => Datasets.Any(d => d.First.Key <= year * 100 + m && year * 100 + m <= d.Last.Key)).ToHashSet();

    /// <summary>A month's figure: 0 where the datasets cover the month but hold no row for it, null where they do not cover it.</summary>
    public double? ValueOf(int year, int month) =>
        Points.FirstOrDefault(p => p.Period.Year == year && p.Period.Month == month) is { } p ? p.Value : MonthsOf(year).Contains(month) ? 0 : null;
}
