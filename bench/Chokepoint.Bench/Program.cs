using System.Diagnostics;
using System.Globalization;
using Chokepoint.Bench;

// Speed harness for list import (kept out of CI). Usage:
//   dotnet run -c Release --project bench/Chokepoint.Bench -- import [--data ../shared/data] [--runs 5] [--pg "Host=..."]
// Prints Markdown tables for docs/BENCHMARKS.md: end-to-end CLI runs (wall time, peak RSS), in-process import on
// SQLite (and PostgreSQL with --pg), and reader-only throughput per file.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "quality")
{
    // quality [--data DIR] [--no-baselines] [--failures FILE]
    Chokepoint.Bench.Quality.QualityRun.Run(Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data",
        baselineSample: args.Contains("--no-baselines") ? 0 : 300, failuresFile: Array.IndexOf(args, "--failures") is var f and > 0 ? args[f + 1] : null);
    return 0;
}
if (args.Length >= 3 && args[0] == "http")
{
    // http URL KEY [RATE] [SECONDS]
    Console.WriteLine("| load | median ms | p99 ms | max ms | failed |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    await HttpLoad.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10);
    return 0;
}
if (args.Length > 0 && args[0] == "trade")
{
    // trade [--data DIR] [--runs N] [--pg SERVER] [--synthetic ROWS]: import and measures on SQLite (and PostgreSQL),
    // and with --synthetic a generated PostgreSQL store of that many rows
    var data = Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data";
    var runs = Array.IndexOf(args, "--runs") is var r and > 0 ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 5;
    await TradeBench.RunAsync(data, runs, Array.IndexOf(args, "--pg") is var g and > 0 ? args[g + 1] : null,
        Array.IndexOf(args, "--synthetic") is var s and > 0 ? long.Parse(args[s + 1], CultureInfo.InvariantCulture) : 0);
    return 0;
}
if (args.Length > 0 && args[0] == "decisions")
{
    // decisions [--data DIR] [--count N]
    var data = args.Length > 2 && args[1] == "--data" ? args[2] : "../shared/data";
    var count = Array.IndexOf(args, "--count") is var at and > 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 20_000;
    DecisionBench.Run(data, count);
    return 0;
}
if (args.Length >= 2 && args[0] == "parties")
{
    // parties OUTPUT [--data DIR] [--count N]
    var data = Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data";
    var count = Array.IndexOf(args, "--count") is var c and > 0 ? int.Parse(args[c + 1], CultureInfo.InvariantCulture) : 100_000;
    PartiesFile.Write(data, count, args[1]);
    return 0;
}
if (args.Length > 0 && args[0] == "latency")
{
    // latency [--data DIR] [--parties FILE.csv]
    var data = Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data";
    LatencyBench.Run(data, Array.IndexOf(args, "--parties") is var p and > 0 ? args[p + 1] : null);
    return 0;
}
if (args.Length > 0 && args[0] == "monitor")
{
    // monitor [--data DIR] [--count N] [--pg CONNECTION]: on a fresh SQLite file, or on the given empty PostgreSQL database
    var data = Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data";
    var count = Array.IndexOf(args, "--count") is var c and > 0 ? int.Parse(args[c + 1], CultureInfo.InvariantCulture) : 100_000;
    await MonitoringBench.RunAsync(data, count, Array.IndexOf(args, "--pg") is var g and > 0 ? args[g + 1] : null);
    return 0;
}
if (args.Length > 0 && args[0] == "inbox")
{
    // inbox [--pg CONNECTION]: alert inbox latency on SQLite, or on the given PostgreSQL database
    Console.WriteLine("| store | alerts | median ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    await MonitoringBench.InboxAsync(Array.IndexOf(args, "--pg") is var g and > 0 ? args[g + 1] : null);
    return 0;
}
if (args.Length > 0 && args[0] == "workplace")
{
    // workplace [--server PATH] [--data DIR] [--pg CONNECTION]: page times with 100,000 alerts, and a 10,000-row batch
    await WorkplaceBench.RunAsync(Array.IndexOf(args, "--server") is var s and > 0 ? args[s + 1] : "src/Chokepoint.Server/bin/Release/net10.0/Chokepoint.Server.dll",
        Array.IndexOf(args, "--data") is var d and > 0 ? args[d + 1] : "../shared/data", Array.IndexOf(args, "--pg") is var g and > 0 ? args[g + 1] : null);
    return 0;
}
if (args.Length > 0 && args[0] == "scale")
{
    ScaleBench.Run(args.Length > 2 && args[1] == "--data" ? args[2] : "../shared/data");
    return 0;
}
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Chokepoint.Bench import [--data DIR] [--runs N] [--pg CONNECTION] [--cli PATH-TO-chokepoint.dll]");
    Console.Error.WriteLine("       Chokepoint.Bench quality [--data DIR] [--no-baselines] [--failures FILE]");
    Console.Error.WriteLine("       Chokepoint.Bench scale [--data DIR]");
    Console.Error.WriteLine("       Chokepoint.Bench monitor [--data DIR] [--count N] [--pg CONNECTION]");
    Console.Error.WriteLine("       Chokepoint.Bench inbox [--pg CONNECTION]");
    Console.Error.WriteLine("       Chokepoint.Bench workplace [--server PATH-TO-Chokepoint.Server.dll] [--data DIR] [--pg CONNECTION]");
    Console.Error.WriteLine("       Chokepoint.Bench decisions [--data DIR] [--count N]");
    Console.Error.WriteLine("       Chokepoint.Bench latency [--data DIR] [--parties FILE.csv]");
    Console.Error.WriteLine("       Chokepoint.Bench parties OUTPUT.csv [--data DIR] [--count N]");
    Console.Error.WriteLine("       Chokepoint.Bench http http://127.0.0.1:PORT/api/screen API-KEY [RATE] [SECONDS]");
    return 2;
}
Console.WriteLine($"# Import benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, data {Path.GetFullPath(options.Data)}, {options.Runs} runs, medians");
Console.WriteLine();
await ImportBench.EndToEndAsync(options);
await ImportBench.InProcessAsync(options, postgres: null);
if (options.Postgres is not null) await ImportBench.InProcessAsync(options, options.Postgres);
ImportBench.ReadersOnly(options);
return 0;

namespace Chokepoint.Bench
{
    internal sealed record BenchOptions(string Data, int Runs, string? Postgres, string? Cli)
    {
        public static BenchOptions? Parse(string[] args)
        {
            if (args.Length == 0 || args[0] != "import") return null;
            string data = "../shared/data", pg = null!, cli = null!;
            var runs = 5;
            for (var i = 1; i < args.Length - 1; i += 2)
            {
                switch (args[i])
                {
                    case "--data": data = args[i + 1]; break;
                    case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                    case "--pg": pg = args[i + 1]; break;
                    case "--cli": cli = args[i + 1]; break;
                    default: return null;
                }
            }
            return new BenchOptions(data, runs, pg, cli);
        }
    }

    internal static class Stats
    {
        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        public static string Seconds(double s) => s.ToString("F2", CultureInfo.InvariantCulture);

        public static Stopwatch Start() => Stopwatch.StartNew();
    }
}
