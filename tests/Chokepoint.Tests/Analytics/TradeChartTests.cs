using Chokepoint.Analytics.Charts;
using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using Chokepoint.Tests.Support;
using SkiaSharp;

namespace Chokepoint.Tests.Analytics;

/// <summary>The charts as images: decoded, of the size asked, not blank, and with a run of pixels in every series'
/// colour (so a series that was not drawn fails); and the CLI that writes them.</summary>
public sealed class TradeChartTests
{
    private static void AssertDrawn(string png, TradeChart chart, int series)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((TradeChart.Width, TradeChart.Height), (bitmap.Width, bitmap.Height));
        var counts = new Dictionary<SKColor, int>();
        for (var y = 0; y < bitmap.Height; y += 1)
            for (var x = 0; x < bitmap.Width; x += 1)
            {
                var c = bitmap.GetPixel(x, y);
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        Assert.True(counts.Count > 50, $"{counts.Count} colours: the chart is blank");
        Assert.Equal(series, chart.Series.Count);
        foreach (var (label, color) in chart.Series)
        {
            var wanted = new SKColor(color.R, color.G, color.B);
            var found = counts.Where(kv => Math.Abs(kv.Key.Red - wanted.Red) + Math.Abs(kv.Key.Green - wanted.Green) + Math.Abs(kv.Key.Blue - wanted.Blue) < 12).Sum(kv => kv.Value);
            Assert.True(found >= 40, $"series '{label}' has {found} pixels in its colour");
        }
    }

    [Fact]
    public async Task Growth_shares_and_re_export_charts_draw_every_series()
    {
        using var scratch = new Scratch();
        var store = await TradeStoreTests.LoadedAsync(Stores.Sqlite, scratch);
        var ct = CancellationToken.None;
        var growth = TradeCharts.Growth(Growth.Of(await store.SeriesAsync(new SeriesKey(TradeAreas.Parse("EU27_2020"), TradeAreas.Parse("KG"), TradeFlow.Export, ProductCode.Total), ct), Baseline.Default, monthly: true));
        growth.Save(scratch.Path("growth.png"));
        AssertDrawn(scratch.Path("growth.png"), growth, 3);

        var shares = TradeCharts.Shares(Shares.Of(await store.SeriesAsync(TradeAreas.Parse("RU"), TradeFlow.Import, ProductCode.Total, null, ct), top: 4));
        shares.Save(scratch.Path("shares.png"));
        AssertDrawn(scratch.Path("shares.png"), shares, 5); // four partners and the rest

        var am = TradeAreas.Parse("AM");
        var phone = ProductCode.Parse("851713");
        var hub = TradeCharts.ReExports(ReExport.Of([await store.SeriesAsync(new SeriesKey(am, TradeAreas.Parse("CN"), TradeFlow.Import, phone), ct)],
            await store.SeriesAsync(new SeriesKey(am, TradeAreas.Parse("RU"), TradeFlow.Export, phone), ct)));
        hub.Save(scratch.Path("hub.svg"));
        var svg = await File.ReadAllTextAsync(scratch.Path("hub.svg"), ct);
        Assert.Contains("<svg xmlns", svg, StringComparison.Ordinal);
        Assert.Contains("AM exports to RU", svg, StringComparison.Ordinal);
        hub.Save(scratch.Path("hub.png"));
        AssertDrawn(scratch.Path("hub.png"), hub, 2);
        Assert.Throws<TradeQueryException>(() => hub.Save(scratch.Path("hub.gif")));
    }

    [Fact]
    public async Task The_cli_imports_measures_and_charts_and_refuses_unknowns()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("trade.db");
        var import = await ChokepointCli.RunAsync("trade", "import", TestData.File("trade_flows"), "--db", db);
        Assert.True(import.Code == 0, import.Err);
        Assert.Contains("imported", import.Out, StringComparison.Ordinal);
        var again = await ChokepointCli.RunAsync("trade", "import", TestData.File("trade_flows"), "--db", db);
        Assert.Equal(10, again.Out.Split('\n').Count(l => l.Contains("unchanged", StringComparison.Ordinal)));

        var chart = scratch.Path("kg.png");
        var growth = await ChokepointCli.RunAsync("trade", "growth", "--reporter", "EU27_2020", "--partner", "KG", "--flow", "export", "--db", db, "--chart", chart);
        Assert.True(growth.Code == 0, growth.Err);
        Assert.Contains("9.92×", growth.Out, StringComparison.Ordinal);
        Assert.Contains("Jan–Aug only", growth.Out, StringComparison.Ordinal);
        Assert.True(new FileInfo(chart).Length > 10_000);

        var corridors = await ChokepointCli.RunAsync("trade", "corridors", "--reporter", "AM", "--min-baseline", "100000", "--db", db, "--json");
        Assert.True(corridors.Code == 0, corridors.Err);
        Assert.Contains("\"RU\"", corridors.Out, StringComparison.Ordinal);

        foreach (var bad in new[]
                 {
                     new[] { "trade", "growth", "--reporter", "Narnia", "--partner", "KG", "--flow", "export", "--db", db },
                     ["trade", "growth", "--reporter", "EU27_2020", "--partner", "KG", "--flow", "sideways", "--db", db],
                     ["trade", "growth", "--reporter", "EU27_2020", "--partner", "KG", "--flow", "export", "--baseline", "last decade", "--db", db],
                     ["trade", "growth", "--reporter", "EU27_2020", "--partner", "KG", "--flow", "export", "--chart", scratch.Path("x.jpg"), "--db", db],
                     ["trade", "shares", "--reporter", "EU27_2020", "--flow", "export", "--db", db],
                     ["trade", "corridors", "--reporter", "AM", "--level", "3", "--db", db],
                     ["trade", "import", scratch.Write("junk.csv", "a,b\n1,2\n"), "--db", db],
                 })
        {
            var r = await ChokepointCli.RunAsync(bad);
            Assert.True(r.Code != 0, string.Join(' ', bad));
            Assert.Contains("error", r.Err, StringComparison.OrdinalIgnoreCase);
        }
    }
}
