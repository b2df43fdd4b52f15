using System.Diagnostics;
using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Store;
using Chokepoint.Storage.Records;
using Npgsql;

namespace Chokepoint.Bench;

/// <summary>
/// Trade analytics speed: importing every file in trade_flows, each measure over the whole store (after a fixed 3 s
/// warm-up), and with --synthetic N a PostgreSQL store of N generated rows (reporter × partner × HS-6 × month) that
/// answers a growth and a share query through the series index.
/// </summary>
internal static class TradeBench
{
    public static async Task RunAsync(string data, int runs, string? pg, long synthetic)
    {
        var folder = Path.Combine(data, "trade_flows");
        Console.WriteLine("| store | import all trade_flows files, median of " + runs + " (s) | spread (s) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, connection) in Targets(pg))
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var target = await connection();
                await using var db = RecordDatabase.Open(target);
                var store = new TradeStore(db, TimeProvider.System);
                await store.EnsureSchemaAsync(CancellationToken.None);
                var sw = Stopwatch.StartNew();
                foreach (var f in Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories)) await store.ImportAsync(f, "bench", CancellationToken.None);
                times.Add(sw.Elapsed.TotalSeconds);
                if (i == runs - 1) await MeasuresAsync(name, store);
            }
            times.Sort();
            Console.WriteLine($"| {name} | {times[times.Count / 2]:0.00} | {times[0]:0.00}–{times[^1]:0.00} |");
        }
        if (synthetic > 0 && pg is not null) await SyntheticAsync(pg, synthetic);
    }

    private static IEnumerable<(string, Func<Task<string>>)> Targets(string? pg)
    {
        yield return ("SQLite", () => Task.FromResult(Path.Combine(Directory.CreateTempSubdirectory("chokepoint-trade-").FullName, "trade.db")));
        if (pg is not null) yield return ("PostgreSQL", () => FreshDatabaseAsync(pg));
    }

    private static async Task MeasuresAsync(string name, TradeStore store)
    {
        var ct = CancellationToken.None;
        var (eu, kg, ru, am, cn) = (TradeAreas.Parse("EU27_2020"), TradeAreas.Parse("KG"), TradeAreas.Parse("RU"), TradeAreas.Parse("AM"), TradeAreas.Parse("CN"));
        var phone = ProductCode.Parse("851713");
        var measures = new (string, Func<Task>)[]
        {
            ("growth EU27→KG monthly", async () => Growth.Of(await store.SeriesAsync(new SeriesKey(eu, kg, TradeFlow.Export, ProductCode.Total), ct), Baseline.Default, true)),
            ("shares of RU imports (all partners)", async () => Shares.Of(await store.SeriesAsync(ru, TradeFlow.Import, ProductCode.Total, null, ct))),
            ("mirror EU27→RU vs IMF", async () => Mirror.Of(await store.SeriesAsync(new SeriesKey(eu, ru, TradeFlow.Export, ProductCode.Total), ct),
                await store.SeriesAsync(new SeriesKey(ru, TradeAreas.Parse("IMF:G998"), TradeFlow.Import, ProductCode.Total), ct))),
            ("re-export AM phones CN→RU", async () => ReExport.Of([await store.SeriesAsync(new SeriesKey(am, cn, TradeFlow.Import, phone), ct)],
                await store.SeriesAsync(new SeriesKey(am, ru, TradeFlow.Export, phone), ct))),
            ("corridors AM exports, HS-6", async () => Corridors.Rank(am, TradeFlow.Export, 6, await store.YearsByPartnerAndProductAsync(am, TradeFlow.Export, 6, ct), Baseline.Default, minimumBaseline: 0)),
        };
        Console.WriteLine();
        Console.WriteLine($"| {name}: measure | median ms | p95 ms | runs |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, run) in measures)
        {
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 3) await run();
            var times = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                var sw = Stopwatch.StartNew();
                await run();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {label} | {times[25]:0.0} | {times[47]:0.0} | 50 |");
        }
        Console.WriteLine();
    }

    /// <summary>N rows generated in SQL (60 reporters' codes × partners × HS-6 × 72 months), then one growth and one
    /// share query, each timed cold and warm.</summary>
    private static async Task SyntheticAsync(string pg, long rows)
    {
        var target = await FreshDatabaseAsync(pg);
        await using var db = RecordDatabase.Open(target);
        var store = new TradeStore(db, TimeProvider.System);
        await store.EnsureSchemaAsync(CancellationToken.None);
        const int months = 72, partners = 50, reporters = 20;
        var products = Math.Max(1, rows / ((long)months * partners * reporters));
        var countries = TradeAreas.All.Where(a => a.Kind == AreaKind.Country).Select(a => a.Code).Order(StringComparer.Ordinal).Take(reporters + partners).ToArray();
        await using var c = new NpgsqlConnection(target);
        await c.OpenAsync();
        var sw = Stopwatch.StartNew();
        await Exec(c, "INSERT INTO trade_datasets (name, version, format, publisher, file_name, sha256, currency, valuation, first_period, last_period, rows_read, observations, notes, imported_at, imported_by, active) " +
                      $"VALUES ('synthetic', 1, 'synthetic', 'generated', '-', '-', 'USD', '-', 201901, 202412, {rows}, {rows}, '[]', '2026-01-01T00:00:00Z', 'bench', 1)");
        await Exec(c, "DROP INDEX trade_observations_series");
        // Codes come from a fixed array of ours, written into the SQL as literals.
        var rep = "ARRAY[" + string.Join(",", countries.Take(reporters).Select(x => $"'{x}'")) + "]";
        var par = "ARRAY[" + string.Join(",", countries.Skip(reporters).Take(partners).Select(x => $"'{x}'")) + "]";
        await Exec(c, "INSERT INTO trade_observations (dataset_id, reporter, partner, flow, product, product_level, period, value) " +
                      $"SELECT 1, ({rep})[r], ({par})[p], 'M', lpad((100000 + h * 7)::text, 6, '0'), 6, (2019 + m / 12) * 100 + m % 12 + 1, (r * 31 + p * 17 + h + m) % 1000 + 1 " +
                      $"FROM generate_series(1, {reporters}) r, generate_series(1, {partners}) p, generate_series(0, {products - 1}) h, generate_series(0, {months - 1}) m");
        var load = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await Exec(c, "CREATE INDEX trade_observations_series ON trade_observations (reporter, flow, product, partner, period)");
        await Exec(c, "ANALYZE trade_observations");
        var index = sw.Elapsed.TotalSeconds;
        var count = (long)(await new NpgsqlCommand("SELECT count(*) FROM trade_observations", c).ExecuteScalarAsync())!;
        Console.WriteLine($"Synthetic store: {count:N0} rows ({reporters} reporters × {partners} partners × {products} HS-6 codes × {months} months), loaded in {load:0} s, indexed in {index:0} s.");
        var (r0, p0, h0) = (TradeAreas.Parse(countries[0]), TradeAreas.Parse(countries[reporters]), ProductCode.Parse("100000"));
        Console.WriteLine("| query on the synthetic store | first (ms) | median of 20 (ms) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (label, run) in new (string, Func<Task>)[]
                 {
                     ("growth: one reporter, partner, HS-6 code, monthly", async () => Growth.Of(await store.SeriesAsync(new SeriesKey(r0, p0, TradeFlow.Import, h0), CancellationToken.None), Baseline.Default, true)),
                     ("shares: one reporter's HS-6 code over all partners", async () => await store.SeriesAsync(r0, TradeFlow.Import, h0, null, CancellationToken.None)),
                 })
        {
            var first = Stopwatch.StartNew();
            await run();
            var f = first.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var t = Stopwatch.StartNew();
                await run();
                times.Add(t.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {label} | {f:0.0} | {times[10]:0.0} |");
        }
    }

    private static async Task Exec(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> FreshDatabaseAsync(string server)
    {
        var name = "trade_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await Exec(admin, $"CREATE DATABASE {name}");
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
