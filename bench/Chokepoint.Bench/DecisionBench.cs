using System.Diagnostics;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Shipments;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench;

/// <summary>
/// Shipment decisions per second against every real list: synthetic shipments of 3 items and 4 parties, decided on one
/// core and on all cores. Two party mixes: "new parties" (every party of every shipment is a name never seen before, so
/// every party is screened) and "repeat customers" (parties drawn from 2,000 customers, as an exporter's book is, so the
/// party screener's memory answers most of them).
/// </summary>
internal static class DecisionBench
{
    private static readonly string[] Words =
    [
        "Altai", "Baltic", "Caspian", "Danube", "Eastern", "Falcon", "Granite", "Harbor", "Iron", "Jade", "Kestrel", "Lotus",
        "Meridian", "Nordic", "Orion", "Pacific", "Quartz", "River", "Summit", "Titan", "Ural", "Vector", "Western", "Zenith",
        "Precision", "Machinery", "Electronics", "Logistics", "Industrial", "Components", "Systems", "Trading", "Optics", "Power",
    ];
    private static readonly string[] Forms = ["LLC", "GmbH", "Ltd", "Co., Ltd.", "TOO", "OOO", "A.S.", "FZE", "Inc.", "S.p.A."];
    private static readonly string[] Countries = ["KZ", "KG", "AM", "TR", "AE", "CN", "HK", "DE", "US", "IN", "GE", "UZ", "RS", "FR"];
    private static readonly (string Hs, string? Eu, string? Us)[] Goods =
    [
        ("845710", "2B001", "2B001"), ("854231", null, "EAR99"), ("848210", null, "EAR99"), ("610910", null, "EAR99"), ("847130", null, "EAR99"),
        ("901420", "7A003", "7A003"), ("841370", null, "EAR99"), ("940130", null, "EAR99"), ("880730", null, "EAR99"), ("853690", null, "EAR99"),
    ];

    public static void Run(string data, int count)
    {
        var files = LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f)).Append(Path.Combine(data, "control_lists/cn_countermeasures/sanctions.csv"));
        var index = ScreeningIndex.Build(LocalLists.Read(files));
        var goods = GoodsReference.Load(data);
        Console.WriteLine($"# Decision benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; {index.EntityCount:N0} listed entities; {count:N0} shipments of 3 items and 4 parties");
        Console.WriteLine();
        Console.WriteLine("| party mix | threads | decisions/s (median of 3) | median µs per decision | p99 µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (mix, pool) in new[] { ("new parties", 0), ("repeat customers (2,000)", 2000) })
            foreach (var threads in new[] { 1, Environment.ProcessorCount })
            {
                var runs = new List<(double Rate, double Median, double P99)>();
                for (var run = 0; run < 3; run++)
                {
                    var shipments = Make(count, pool, seed: 7 + run);
                    var screener = new Screener();
                    screener.Load(index);
                    var engine = new DecisionEngine(new PartyScreener(screener), goods: goods);
                    engine.Decide(shipments[0]);
                    runs.Add(Measure(engine, shipments, threads));
                }
                var m = runs.OrderBy(r => r.Rate).ElementAt(1);
                Console.WriteLine($"| {mix} | {threads} | {m.Rate:N0} | {m.Median:N0} | {m.P99:N0} |");
            }
    }

    private static (double Rate, double Median, double P99) Measure(DecisionEngine engine, List<Shipment> shipments, int threads)
    {
        var times = new double[shipments.Count];
        var watch = Stopwatch.StartNew();
        Parallel.For(0, shipments.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var t = Stopwatch.GetTimestamp();
            engine.Decide(shipments[i]);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        });
        var rate = shipments.Count / watch.Elapsed.TotalSeconds;
        Array.Sort(times);
        return (rate, times[times.Length / 2], times[(int)(times.Length * 0.99)]);
    }

    private static List<Shipment> Make(int count, int customerPool, int seed)
    {
        var random = new Random(seed);
        string Name() => $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {random.Next(1000, 9999)} {Forms[random.Next(Forms.Length)]}";
        var customers = Enumerable.Range(0, Math.Max(customerPool, 1)).Select(_ => (Name(), Countries[random.Next(Countries.Length)])).ToArray();
        (string, string) Party() => customerPool > 0 ? customers[random.Next(customers.Length)] : (Name(), Countries[random.Next(Countries.Length)]);
        var exporters = new[] { ("Shenzhen Exporter Co., Ltd.", "CN"), ("Werkzeug Export GmbH", "DE"), ("Great Lakes Export Inc.", "US") };
        var list = new List<Shipment>(count);
        for (var i = 0; i < count; i++)
        {
            var (exporter, exporterCountry) = exporters[random.Next(exporters.Length)];
            var roles = new[] { new[] { "consignee", "endUser" }, ["payer"], ["forwarder"], ["intermediary"] };
            var parties = roles.Select(r => { var (n, c) = Party(); return new Party { Name = n, Country = c, Roles = r }; }).ToList();
            var items = Enumerable.Range(0, 3).Select(_ =>
            {
                var g = Goods[random.Next(Goods.Length)];
                var codes = new Dictionary<string, string>();
                if (exporterCountry == "DE" && g.Eu is not null) codes["EU"] = g.Eu;
                if (exporterCountry == "US" && g.Us is not null) codes["US"] = g.Us;
                return new Item { Description = "item " + g.Hs, HsCode = g.Hs, ControlCodes = codes, Quantity = random.Next(1, 500), Unit = "pcs", Value = random.Next(1_000, 500_000), Currency = "USD" };
            }).ToList();
            list.Add(new Shipment
            {
                Id = $"B{i}",
                Exporter = new Exporter { Name = exporter, Country = exporterCountry },
                EvaluationDate = new DateOnly(2025, 3, 15),
                Items = items,
                Parties = parties,
                Route = random.Next(4) == 0 ? ["TR"] : [],
                EndUse = "industrial production",
            });
        }
        return list;
    }
}
