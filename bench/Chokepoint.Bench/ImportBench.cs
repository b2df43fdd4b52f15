using System.Diagnostics;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Npgsql;

namespace Chokepoint.Bench;

internal static class ImportBench
{
    /// <summary>The user's view: `chokepoint lists import DIR` into a fresh SQLite file, process start to exit, under GNU time.</summary>
    public static async Task EndToEndAsync(BenchOptions options)
    {
        var cli = options.Cli ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Chokepoint.Cli/bin/Release/net10.0/chokepoint.dll"));
        if (!File.Exists(cli))
        {
            Console.WriteLine($"(end-to-end skipped: build the CLI in Release first, {cli} is missing)");
            return;
        }
        var wall = new List<double>();
        var rss = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("chokepoint-bench-");
            try
            {
                var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var a in new[] { "-f", "TIME %e %M", "dotnet", cli, "lists", "import", options.Data, "--db", Path.Combine(dir.FullName, "bench.db") })
                    start.ArgumentList.Add(a);
                using var p = Process.Start(start)!;
                _ = await p.StandardOutput.ReadToEndAsync();
                var err = await p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                var line = err.Split('\n').Last(l => l.StartsWith("TIME ", StringComparison.Ordinal)).Split(' ');
                wall.Add(double.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture));
                rss.Add(double.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture) / 1024);
            }
            finally
            {
                dir.Delete(true);
            }
        }
        Console.WriteLine("## End to end: `chokepoint lists import DIR` into a fresh SQLite file");
        Console.WriteLine();
        Console.WriteLine("| runs | median wall time (s) | min | max | median peak RSS (MB) | max peak RSS (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {options.Runs} | {Stats.Seconds(Stats.Median(wall))} | {Stats.Seconds(wall.Min())} | {Stats.Seconds(wall.Max())} | {Stats.Median(rss):F0} | {rss.Max():F0} |");
        Console.WriteLine();
    }

    /// <summary>Every list file imported in this process into a fresh store per run; per file: bytes, entities, seconds.</summary>
    public static async Task InProcessAsync(BenchOptions options, string? postgres)
    {
        var totals = new List<double>();
        var perFile = new Dictionary<string, (string Reader, long Bytes, int Entities, List<double> Seconds)>();
        for (var run = 0; run < options.Runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("chokepoint-bench-");
            try
            {
                var connection = postgres is null ? Path.Combine(dir.FullName, "bench.db") : await NewDatabaseAsync(postgres);
                await using var store = await SnapshotStores.OpenAsync(connection, CancellationToken.None);
                var watch = Stopwatch.StartNew();
                var items = await new FolderImport(new SnapshotImporter(store, TimeProvider.System)).ImportAsync(options.Data, new ImportOptions(), null, CancellationToken.None);
                totals.Add(watch.Elapsed.TotalSeconds);
                foreach (var item in items.Where(i => i.Result is not null))
                {
                    var r = item.Result!;
                    var key = Path.GetRelativePath(options.Data, item.Path);
                    if (!perFile.TryGetValue(key, out var entry)) perFile[key] = entry = (r.Reader, r.Bytes, r.Snapshot.EntityCount, []);
                    entry.Seconds.Add(r.Elapsed.TotalSeconds);
                }
            }
            finally
            {
                dir.Delete(true);
            }
        }
        var name = postgres is null ? "SQLite" : "PostgreSQL";
        Console.WriteLine($"## In process, {name}: all lists into a fresh database");
        Console.WriteLine();
        Console.WriteLine($"Total median {Stats.Seconds(Stats.Median(totals))} s (min {Stats.Seconds(totals.Min())}, max {Stats.Seconds(totals.Max())}); peak working set of the harness so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB.");
        Console.WriteLine();
        Console.WriteLine("| file | reader | MB | entities | median s | MB/s | entities/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (file, e) in perFile.OrderByDescending(p => p.Value.Bytes))
        {
            var s = Stats.Median(e.Seconds);
            Console.WriteLine($"| {file} | {e.Reader} | {e.Bytes / 1e6:F2} | {e.Entities:N0} | {s:F3} | {e.Bytes / 1e6 / s:F1} | {e.Entities / s:N0} |");
        }
        Console.WriteLine();
    }

    /// <summary>The readers alone (parse and build entities, no database): what the storage costs is the difference.</summary>
    public static void ReadersOnly(BenchOptions options)
    {
        Console.WriteLine("## Readers alone (no database)");
        Console.WriteLine();
        Console.WriteLine("| file | reader | MB | entities | median s | MB/s | entities/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var file in Directory.EnumerateFiles(options.Data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            IListReader reader;
            try
            {
                reader = ListReaders.Detect(file);
            }
            catch (ListFormatException)
            {
                continue;
            }
            var input = reader.Resolve(file);
            var bytes = input.Files.Sum(f => new FileInfo(f).Length);
            var times = new List<double>();
            var count = 0;
            for (var run = 0; run < options.Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                count = reader.Read(input, new ReadReport(), CancellationToken.None).Count();
                times.Add(watch.Elapsed.TotalSeconds);
            }
            var s = Stats.Median(times);
            Console.WriteLine($"| {Path.GetRelativePath(options.Data, file)} | {reader.Format} | {bytes / 1e6:F2} | {count:N0} | {s:F3} | {bytes / 1e6 / s:F1} | {count / s:N0} |");
        }
        Console.WriteLine();
    }

    private static async Task<string> NewDatabaseAsync(string server)
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin)) await cmd.ExecuteNonQueryAsync(); // generated name
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
