using System.CommandLine;
using System.Globalization;
using Chokepoint.Analytics.Charts;
using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Store;
using Chokepoint.Core.Reading;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Cli.Analytics;

/// <summary><c>chokepoint trade ...</c>: import trade statistics and compute the measures analysts use, as tables,
/// JSON or charts (--chart FILE.png|.svg).</summary>
internal static class TradeCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build()
    {
        var cmd = new Command("trade", "Trade statistics: import the publishers' files, then growth, shares, mirror, re-export ratios and corridors.");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Datasets());
        cmd.Subcommands.Add(GrowthCommand());
        cmd.Subcommands.Add(SharesCommand());
        cmd.Subcommands.Add(MirrorCommand());
        cmd.Subcommands.Add(ReExportCommand());
        cmd.Subcommands.Add(CorridorsCommand());
        return cmd;
    }

    private static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };
    private static Option<string?> Chart() => new("--chart") { Description = "Also draw the chart to FILE (.png or .svg)" };
    private static Option<string?> Dataset() => new("--dataset") { Description = "Read only this dataset (when two hold the same series)" };

    private static Command Import()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders of Eurostat Comext, IMF IMTS or UN Comtrade CSV extracts", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string?>("--name") { Description = "Dataset name (default: the file's name); only with one file" };
        var force = new Option<bool>("--force") { Description = "Accept a version that shrinks the dataset or ends earlier" };
        var (db, json) = (CliOptions.Db(), CliOptions.Json());
        var c = new Command("import", "Import trade statistics files; each becomes the next version of its dataset, in one transaction.") { paths, name, force, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var files = pr.GetValue(paths)!.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [p]).ToList();
            if (files.Count == 0) throw new TradeQueryException("No .csv files in the folders given.");
            if (pr.GetValue(name) is not null && files.Count > 1) throw new TradeQueryException("--name names one dataset; give one file with it.");
            var results = new List<TradeImport>();
            foreach (var f in files) results.Add(await store.ImportAsync(f, Environment.UserName, ct, pr.GetValue(name), pr.GetValue(force)));
            if (pr.GetValue(json)) { Output.Json(results); return 0; }
            Output.Table([new("dataset"), new("version", Right: true), new("format"), new("periods"), new("figures", Right: true), new("result"), new("sha256", WideOnly: true)],
                results.Select(r => (IReadOnlyList<string>)[r.Dataset.Name, r.Dataset.Version.ToString(Inv), r.Dataset.Format, $"{r.Dataset.First}–{r.Dataset.Last}",
                    r.Dataset.Observations.ToString("N0", Inv), r.Unchanged ? "unchanged" : "imported", r.Dataset.Sha256]));
            foreach (var r in results.Where(r => !r.Unchanged))
                foreach (var note in r.Dataset.Notes) Console.Out.WriteLine($"{r.Dataset.Name}: {note}");
            return 0;
        }));
        return c;
    }

    private static Command Datasets()
    {
        var all = new Option<bool>("--all") { Description = "Every version, not only the serving ones" };
        var (db, json) = (CliOptions.Db(), CliOptions.Json());
        var c = new Command("datasets", "The trade datasets stored, with their provenance.") { all, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var list = await store.DatasetsAsync(!pr.GetValue(all), ct);
            if (pr.GetValue(json)) { Output.Json(list); return 0; }
            if (list.Count == 0) { Console.Out.WriteLine("No trade datasets are stored; import some with `chokepoint trade import DIR`."); return 0; }
            Output.Table([new("dataset"), new("version", Right: true), new("publisher"), new("periods"), new("currency"), new("figures", Right: true), new("serving"), new("imported", WideOnly: true), new("sha256", WideOnly: true)],
                list.Select(d => (IReadOnlyList<string>)[d.Name, d.Version.ToString(Inv), d.Publisher, $"{d.First}–{d.Last}", d.Currency, d.Observations.ToString("N0", Inv), d.Active ? "yes" : "no", d.ImportedAt, d.Sha256]));
            return 0;
        }));
        return c;
    }

    private static Command GrowthCommand()
    {
        var (reporter, partner, flow) = (Required("--reporter", "Who reports: RU, EU27_2020, AM ..."), Required("--partner", "With whom: KG, WORLD, IMF:G998 ..."), Required("--flow", "import or export"));
        var product = new Option<string>("--product") { Description = "TOTAL or an HS code of 2, 4 or 6 digits", DefaultValueFactory = _ => "TOTAL" };
        var baseline = new Option<string>("--baseline") { Description = "Baseline years", DefaultValueFactory = _ => "2019-2021" };
        var monthly = new Option<bool>("--monthly") { Description = "Each month against the baseline's same month" };
        var (chart, dataset, db, json) = (Chart(), Dataset(), CliOptions.Db(), CliOptions.Json());
        var c = new Command("growth", "Growth of a flow against its baseline: index (baseline = 1) and change.") { reporter, partner, flow, product, baseline, monthly, chart, dataset, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var key = new SeriesKey(TradeAreas.Parse(pr.GetValue(reporter)), TradeAreas.Parse(pr.GetValue(partner)), TradeFlows.Parse(pr.GetValue(flow)), ProductCode.Parse(pr.GetValue(product)));
            var b = Baseline.Parse(pr.GetValue(baseline));
            var chartPath = CheckedChart(pr.GetValue(chart));
            var report = Growth.Of(await store.SeriesAsync(key, ct, pr.GetValue(dataset)), b, pr.GetValue(monthly));
            if (chartPath is not null) TradeCharts.Growth(report).Save(chartPath);
            if (pr.GetValue(json)) { Output.Json(report); return 0; }
            Console.Out.WriteLine($"{report.Key}, against the {report.Baseline} average; {report.Currency}.");
            Output.Table([new("period"), new("value", Right: true), new("baseline", Right: true), new("index", Right: true), new("change", Right: true), new("note")],
                report.Rows.Select(r => (IReadOnlyList<string>)[r.Period.ToString(), Money(r.Value), Money(r.Baseline), Index(r.Index), Money(r.Change), r.Note ?? ""]));
            Footer(report.Source, chartPath);
            return 0;
        }));
        return c;
    }

    private static Command SharesCommand()
    {
        var (reporter, flow) = (Required("--reporter", "Who reports: RU ..."), Required("--flow", "import or export"));
        var partners = new Option<string[]>("--partner") { Description = "Partners to show (repeatable); default: the largest in the latest year", AllowMultipleArgumentsPerToken = true };
        var top = new Option<int>("--top") { Description = "How many of the largest partners", DefaultValueFactory = _ => 5 };
        var product = new Option<string>("--product") { Description = "TOTAL or an HS code", DefaultValueFactory = _ => "TOTAL" };
        var (chart, dataset, db, json) = (Chart(), Dataset(), CliOptions.Db(), CliOptions.Json());
        var c = new Command("shares", "Partner shares of a reporter's imports or exports per year, of its total with the world.") { reporter, flow, partners, top, product, chart, dataset, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var chosen = (pr.GetValue(partners) ?? []).Select(TradeAreas.Parse).ToList();
            var chartPath = CheckedChart(pr.GetValue(chart));
            var report = Shares.Of(await store.SeriesAsync(TradeAreas.Parse(pr.GetValue(reporter)), TradeFlows.Parse(pr.GetValue(flow)), ProductCode.Parse(pr.GetValue(product)), null, ct, pr.GetValue(dataset)),
                chosen, pr.GetValue(top));
            if (chartPath is not null) TradeCharts.Shares(report).Save(chartPath);
            if (pr.GetValue(json)) { Output.Json(report); return 0; }
            Output.Table([new("year"), new("partner"), new("value", Right: true), new("total", Right: true), new("share", Right: true)],
                report.Rows.OrderBy(r => r.Year).ThenByDescending(r => r.Share).Select(r => (IReadOnlyList<string>)[r.Year.ToString(Inv), r.Partner.Code, Money(r.Value), Money(r.Total), r.Share.ToString("P1", Inv)]));
            Footer(report.Source, chartPath);
            return 0;
        }));
        return c;
    }

    private static Command MirrorCommand()
    {
        var (reporter, partner) = (Required("--reporter", "A: who reports the flow (EU27_2020)"), Required("--partner", "B: its partner (RU)"));
        var flow = new Option<string>("--flow") { Description = "A's flow (B's is the opposite)", DefaultValueFactory = _ => "export" };
        var mirrorPartner = new Option<string?>("--mirror-partner") { Description = "B's name for A where it differs (the IMF's EU is IMF:G998)" };
        var product = new Option<string>("--product") { Description = "TOTAL or an HS code", DefaultValueFactory = _ => "TOTAL" };
        var (db, json) = (CliOptions.Db(), CliOptions.Json());
        var c = new Command("mirror", "What A reports sending to B against what B reports receiving from A, and the gap.") { reporter, partner, flow, mirrorPartner, product, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var (a, b, f, p) = (TradeAreas.Parse(pr.GetValue(reporter)), TradeAreas.Parse(pr.GetValue(partner)), TradeFlows.Parse(pr.GetValue(flow)), ProductCode.Parse(pr.GetValue(product)));
            var aName = pr.GetValue(mirrorPartner) is { } m ? TradeAreas.Parse(m) : a;
            var report = Mirror.Of(await store.SeriesAsync(new SeriesKey(a, b, f, p), ct),
                await store.SeriesAsync(new SeriesKey(b, aName, f == TradeFlow.Export ? TradeFlow.Import : TradeFlow.Export, p), ct));
            if (pr.GetValue(json)) { Output.Json(report); return 0; }
            Console.Out.WriteLine($"{report.Reported} against {report.Mirrored}; {report.Currency}.");
            Output.Table([new("year"), new("reported", Right: true), new("mirrored", Right: true), new("gap", Right: true), new("ratio", Right: true)],
                report.Rows.Select(r => (IReadOnlyList<string>)[r.Year.ToString(Inv), Money(r.Reported), Money(r.Mirrored), Money(r.Gap), Index(r.Ratio)]));
            if (report.Note is not null) Console.Out.WriteLine(report.Note);
            Footer(report.Source, null);
            return 0;
        }));
        return c;
    }

    private static Command ReExportCommand()
    {
        var hub = Required("--hub", "The hub country (AM)");
        var origins = new Option<string[]>("--origin") { Description = "Where the hub's imports come from (repeatable: CN VN)", Required = true, AllowMultipleArgumentsPerToken = true };
        var destination = Required("--destination", "Where its exports go (RU)");
        var product = Required("--product", "HS code of 2, 4 or 6 digits (851713)");
        var monthly = new Option<bool>("--monthly") { Description = "By month rather than by year" };
        var (chart, dataset, db, json) = (Chart(), Dataset(), CliOptions.Db(), CliOptions.Json());
        var c = new Command("reexport", "A hub's imports of a product from its origins against its exports of it to a destination.") { hub, origins, destination, product, monthly, chart, dataset, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            var h = TradeAreas.Parse(pr.GetValue(hub));
            var p = ProductCode.Parse(pr.GetValue(product));
            var chartPath = CheckedChart(pr.GetValue(chart));
            var imports = new List<TradeSeries>();
            foreach (var o in pr.GetValue(origins)!) imports.Add(await store.SeriesAsync(new SeriesKey(h, TradeAreas.Parse(o), TradeFlow.Import, p), ct, pr.GetValue(dataset)));
            var report = ReExport.Of(imports, await store.SeriesAsync(new SeriesKey(h, TradeAreas.Parse(pr.GetValue(destination)), TradeFlow.Export, p), ct, pr.GetValue(dataset)), pr.GetValue(monthly));
            if (chartPath is not null) TradeCharts.ReExports(report).Save(chartPath);
            if (pr.GetValue(json)) { Output.Json(report); return 0; }
            Output.Table([new("period"), new("imports", Right: true), new("exports", Right: true), new("ratio", Right: true), new("quantity in", Right: true), new("quantity out", Right: true), new("quantity ratio", Right: true), new("note")],
                report.Rows.Select(r => (IReadOnlyList<string>)[r.Period.ToString(), Money(r.Imports), Money(r.Exports), Index(r.Ratio),
                    r.ImportQuantity?.ToString("N0", Inv) ?? "", r.ExportQuantity?.ToString("N0", Inv) ?? "", r.QuantityRatio is { } q ? Index(q) : "", r.Period.IsYear && r.Months < 12 ? $"{r.Months} months only" : ""]));
            Footer(report.Source, chartPath);
            return 0;
        }));
        return c;
    }

    private static Command CorridorsCommand()
    {
        var reporter = Required("--reporter", "The exporter (AM, EU27_2020)");
        var flow = new Option<string>("--flow") { Description = "export or import", DefaultValueFactory = _ => "export" };
        var level = new Option<int>("--level") { Description = "Product level: 0 (all goods), 2, 4 or 6 digits", DefaultValueFactory = _ => 4 };
        var year = new Option<int?>("--year") { Description = "The year compared (default: the latest whole year since 2022)" };
        var baseline = new Option<string>("--baseline") { Description = "Baseline years", DefaultValueFactory = _ => "2019-2021" };
        var min = new Option<double>("--min-baseline") { Description = "Leave out corridors smaller than this a year in the baseline", DefaultValueFactory = _ => 1_000_000 };
        var top = new Option<int>("--top") { Description = "Rows to show", DefaultValueFactory = _ => 20 };
        var (db, json) = (CliOptions.Db(), CliOptions.Json());
        var c = new Command("corridors", "Destination × product corridors ranked by how far their growth since 2022 stands out.") { reporter, flow, level, year, baseline, min, top, db, json };
        c.SetAction((pr, ct) => Run(pr.GetValue(db), async store =>
        {
            if (pr.GetValue(level) is not (0 or 2 or 4 or 6)) throw new TradeQueryException($"--level {pr.GetValue(level)} is not 0, 2, 4 or 6.");
            var r = TradeAreas.Parse(pr.GetValue(reporter));
            var f = TradeFlows.Parse(pr.GetValue(flow));
            var report = Corridors.Rank(r, f, pr.GetValue(level), await store.YearsByPartnerAndProductAsync(r, f, pr.GetValue(level), ct), Baseline.Parse(pr.GetValue(baseline)), pr.GetValue(year), pr.GetValue(min));
            if (pr.GetValue(json)) { Output.Json(report); return 0; }
            Console.Out.WriteLine($"{report.Reporter} {report.Flow.Word()} in {report.Year} against {report.Baseline}, {report.Currency}; out of line = index over the median index of the other destinations for the product.");
            Output.Table([new("destination"), new("product"), new("value", Right: true), new("baseline", Right: true), new("index", Right: true), new("others' index", Right: true), new("out of line", Right: true)],
                report.Ranked.Take(Math.Max(1, pr.GetValue(top))).Select(x => (IReadOnlyList<string>)[x.Destination.Code, x.Product.Code, Money(x.Value), Money(x.Baseline), Index(x.Index), Index(x.PeersIndex), Index(x.OutOfLine)]));
            foreach (var n in report.Notes) Console.Out.WriteLine(n);
            return 0;
        }));
        return c;
    }

    /// <summary>The chart's path, checked before any work is done.</summary>
    private static string? CheckedChart(string? path) =>
        path is null || Path.GetExtension(path).ToLowerInvariant() is ".png" or ".svg" ? path : throw new TradeQueryException($"--chart writes .png or .svg; '{path}' is neither.");

    private static string Money(double v) => double.IsNaN(v) ? "" : v.ToString("N0", Inv);
    private static string Index(double? v) => v is { } x ? x.ToString("0.00", Inv) + "×" : "n/a";

    private static void Footer(string source, string? chart)
    {
        Console.Out.WriteLine($"Source: {source}");
        if (chart is not null) Console.Out.WriteLine($"Chart: {chart}");
    }

    private static async Task<int> Run(string? db, Func<TradeStore, Task<int>> work)
    {
        try
        {
            await using var database = RecordDatabase.Open(db);
            var store = new TradeStore(database, TimeProvider.System);
            await store.EnsureSchemaAsync(CancellationToken.None);
            return await work(store);
        }
        catch (Exception e) when (e is TradeQueryException or TradeImportRefusedException or ListFormatException or StoreException or IOException or UnauthorizedAccessException)
        {
            return Output.Error(e.Message);
        }
    }
}
