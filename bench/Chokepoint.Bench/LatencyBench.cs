using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench;

/// <summary>
/// Single-query latency as users run it: default options (threshold 0.80, 10 hits), every query of the development set
/// (or of a parties file, reported per kind column) against the index of every list, one thread, after one warm-up
/// pass. Also batch throughput on all cores.
/// </summary>
internal static class LatencyBench
{
    public static void Run(string data, string? partiesFile)
    {
        var entities = LocalLists.Read(LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f)));
        var index = ScreeningIndex.Build(entities);
        var queries = partiesFile is null
            ? Quality.DevSet.Build(entities).Select(c => ("dev set", c.Query)).ToList()
            : TextSources.CsvRows(partiesFile, TextSources.StrictUtf8).Skip(1)
                .Select(r => (r.Fields[1].Length == 0 ? "listed names" : r.Fields[1], new PartyQuery(r.Fields[0], PartyKinds.Parse(r.Fields[1])))).ToList();
        var screener = new Screener();
        screener.Load(index);
        var options = new ScreenOptions();
        foreach (var (_, q) in queries) screener.Screen(q, options);
        var micros = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var t = Stopwatch.GetTimestamp();
            screener.Screen(queries[i].Item2, options);
            micros[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(queries, q => screener.Screen(q.Item2, options));
        var rate = queries.Count / watch.Elapsed.TotalSeconds;
        Console.WriteLine("| queries | count | mean µs | median µs | p99 µs | max µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var groups = queries.Select((q, i) => (q.Item1, micros[i])).GroupBy(g => g.Item1, g => g.Item2).ToList();
        if (groups.Count > 1) groups.Add(queries.Select((_, i) => micros[i]).GroupBy(_ => "all").Single());
        foreach (var g in groups)
        {
            var sorted = g.Order().ToArray();
            Console.WriteLine($"| {g.Key} | {sorted.Length:N0} | {sorted.Average():F0} | {sorted[sorted.Length / 2]:F0} | {sorted[(int)(sorted.Length * 0.99)]:F0} | {sorted[^1]:F0} |");
        }
        Console.WriteLine($"{rate:N0} queries/s on {Environment.ProcessorCount} cores, default options");
    }
}
