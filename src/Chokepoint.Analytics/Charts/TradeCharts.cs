using System.Globalization;
using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using ScottPlot;

namespace Chokepoint.Analytics.Charts;

/// <summary>A chart ready to save, with the series it draws (in legend order) and the colour of each, so that a test
/// can find every series in the pixels.</summary>
public sealed record TradeChart(Plot Plot, IReadOnlyList<(string Label, Color Color)> Series)
{
    public const int Width = 1000;
    public const int Height = 560;

    /// <summary>Writes PNG or SVG, by the file's extension.</summary>
    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png": Plot.SavePng(path, Width, Height); break;
            case ".svg": Plot.SaveSvg(path, Width, Height); break;
            default: throw new TradeQueryException($"A chart is written as .png or .svg; '{Path.GetFileName(path)}' is neither.");
        }
    }
}

/// <summary>The analysts' three charts: a flow against its baseline with the invasion marked, partner shares stacked
/// by year, and a hub's imports beside its exports. Each says its source, period and unit.</summary>
public static class TradeCharts
{
    private static readonly Color[] Palette =
        [Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#7f7f7f")];

    public static TradeChart Growth(GrowthReport report)
    {
        var plot = new Plot();
        // A part year would read as a fall: an annual chart draws whole years only and names what it left out.
        var rows = report.Rows.Where(r => report.Monthly || r.Note is null).ToList();
        var left = report.Rows.Where(r => !report.Monthly && r.Note is not null).Select(r => $"{r.Period} ({r.Note![..r.Note!.IndexOf(" only", StringComparison.Ordinal)]})").ToList();
        var xs = rows.Select(r => X(r.Period)).ToArray();
        var flow = plot.Add.ScatterLine(xs, rows.Select(r => Scale(r.Value)).ToArray(), Palette[0]);
        flow.LineWidth = 2;
        flow.LegendText = report.Key.ToString();
        var baseline = plot.Add.ScatterLine(xs, rows.Select(r => Scale(r.Baseline)).ToArray(), Palette[1]);
        baseline.LinePattern = LinePattern.Dashed;
        baseline.LineWidth = 2;
        baseline.LegendText = $"{report.Baseline} average{(report.Monthly ? " of the same month" : "")}";
        var invasion = plot.Add.VerticalLine(Baseline.Invasion.ToDateTime(TimeOnly.MinValue).ToOADate(), 1, Palette[6]);
        invasion.LegendText = "2022-02-24, Russia's full-scale invasion of Ukraine";
        invasion.LinePattern = LinePattern.Dotted;
        invasion.LineWidth = 2;
        var years = Enumerable.Range(report.Rows[0].Period.Year, report.Rows[^1].Period.Year - report.Rows[0].Period.Year + 2);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. years.Select(y => new Tick(new DateTime(y, 1, 1).ToOADate(), y.ToString(CultureInfo.InvariantCulture)))]);
        Label(plot, $"{report.Key}: {(report.Monthly ? "monthly" : "annual")}, against {report.Baseline}", report.Currency, report.Source,
            left.Count > 0 ? $"part year left out: {string.Join(", ", left)}" : null);
        return new TradeChart(plot, [(flow.LegendText, Palette[0]), (baseline.LegendText, Palette[1]), (invasion.LegendText, Palette[6])]);
    }

    public static TradeChart Shares(SharesReport report)
    {
        var plot = new Plot();
        var series = new List<(string, Color)>();
        var bars = new List<Bar>();
        var bottoms = report.Years.ToDictionary(y => y, _ => 0d);
        var layers = report.Partners.Select((p, i) => (Label: p.Code == "WORLD" ? "World" : $"{p.Code} {p.Name}", Color: Palette[i % (Palette.Length - 1)],
            Share: (Func<int, double>)(y => report.Rows.FirstOrDefault(r => r.Year == y && r.Partner == p)?.Share ?? 0))).ToList();
        layers.Add(("all other partners", Palette[^1], y => Math.Max(0, report.Rest.GetValueOrDefault(y))));
        foreach (var (label, color, share) in layers)
        {
            foreach (var y in report.Years)
            {
                var v = share(y) * 100;
                bars.Add(new Bar { Position = y, ValueBase = bottoms[y], Value = bottoms[y] + v, FillColor = color, LineWidth = 0 });
                bottoms[y] += v;
            }
            series.Add((label, color));
        }
        plot.Add.Bars(bars);
        plot.Legend.ManualItems.AddRange(series.Select(s => new LegendItem { LabelText = s.Item1, FillColor = s.Item2 }));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. report.Years.Select(y => new Tick(y, y.ToString(CultureInfo.InvariantCulture)))]);
        plot.Axes.SetLimitsY(0, 100);
        Label(plot, $"Partner shares of {report.Reporter}'s {report.Flow.Word()} ({(report.Product.IsTotal ? "all goods" : "HS " + report.Product)})", "% of the total with the world", report.Source, null);
        return new TradeChart(plot, series);
    }

    public static TradeChart ReExports(ReExportReport report)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < report.Rows.Count; i++)
        {
            var r = report.Rows[i];
            bars.Add(new Bar { Position = i * 3, Value = Scale(r.Imports), FillColor = Palette[0], LineWidth = 0 });
            bars.Add(new Bar { Position = i * 3 + 1, Value = Scale(r.Exports), FillColor = Palette[1], LineWidth = 0 });
            ticks.Add(new Tick(i * 3 + 0.5, r.Period.ToString()));
        }
        plot.Add.Bars(bars);
        var importsLabel = $"{report.Hub} imports from {string.Join("+", report.Origins)}";
        var exportsLabel = $"{report.Hub} exports to {report.Destination}";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = importsLabel, FillColor = Palette[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = exportsLabel, FillColor = Palette[1] });
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        Label(plot, $"Re-exports through {report.Hub}: HS {report.Product}", report.Currency, report.Source, null);
        return new TradeChart(plot, [(importsLabel, Palette[0]), (exportsLabel, Palette[1])]);
    }

    private static double X(TradePeriod p) => new DateTime(p.Year, p.IsYear ? 7 : p.Month, p.IsYear ? 1 : 15).ToOADate();

    /// <summary>Values in millions, which every flow here reads well in.</summary>
    private static double Scale(double value) => value / 1e6;

    private static void Label(Plot plot, string title, string unit, string source, string? note)
    {
        plot.Title(title);
        plot.YLabel(unit.Length == 3 ? $"million {unit}" : unit);
        plot.XLabel($"Source: {source}{(note is null ? "" : $"\n{note}")}");
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Title.Label.FontSize = 16;
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
