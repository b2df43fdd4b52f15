using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench;

/// <summary>
/// Single-query latency as users run it: default options (threshold 0.80, 10 hits), every query of the development set
/// against the index of every list, one thread, after one warm-up pass. Also batch throughput on all cores.
/// </summary>
internal static class LatencyBench
{
    public static void Run(string data)
    {
        var entities = LocalLists.Read(LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f)));
        var index = ScreeningIndex.Build(entities);
        var queries = Quality.DevSet.Build(entities).Select(c => c.Query).ToList();
        var screener = new Screener();
        screener.Load(index);
        var options = new ScreenOptions();
        foreach (var q in queries) screener.Screen(q, options);
        var micros = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var t = Stopwatch.GetTimestamp();
            screener.Screen(queries[i], options);
            micros[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        Array.Sort(micros);
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(queries, q => screener.Screen(q, options));
        var rate = queries.Count / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"| {queries.Count:N0} queries, default options | median {micros[micros.Length / 2]:F0} µs | p99 {micros[(int)(micros.Length * 0.99)]:F0} µs | max {micros[^1]:F0} µs | {rate:N0} queries/s on {Environment.ProcessorCount} cores |");
    }
}
