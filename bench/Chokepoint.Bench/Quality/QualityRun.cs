using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench.Quality;

/// <summary>What one matcher answered for one case: alerted at all, and whether the true entity was among the hits.</summary>
internal readonly record struct Outcome(bool Alerted, bool Found);

/// <summary>
/// Runs the development set through Chokepoint's screener at several thresholds and through the two baselines, and
/// prints precision, recall, F1 and the false-alert rate per matcher and per category, with the failing cases.
/// </summary>
internal static class QualityRun
{
    public static void Run(string data, int baselineSample, string? failuresFile)
    {
        var entities = LocalLists.Read(LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f)));
        var watch = Stopwatch.StartNew();
        var before = GC.GetTotalMemory(true);
        var index = ScreeningIndex.Build(entities);
        var buildSeconds = watch.Elapsed.TotalSeconds;
        var indexBytes = GC.GetTotalMemory(true) - before;
        var latin = ScreeningIndex.Build(entities.Select(x => (x.Snapshot, x.Entity with { Names = x.Entity.Names.Where(n => n.Type != NameType.OriginalScript).ToList() })));
        var cases = DevSet.Build(entities);
        var screener = new Screener();
        screener.Load(index);
        var latinScreener = new Screener();
        latinScreener.Load(latin);

        Console.WriteLine($"## Quality: development set of {cases.Count:N0} cases ({cases.Count(c => c.EntityId is not null):N0} true variants, {cases.Count(c => c.EntityId is null):N0} true non-matches)");
        Console.WriteLine();
        Console.WriteLine($"Index over {entities.Count:N0} entities, {index.NameCount:N0} names, {index.TokenCount:N0} distinct tokens: built in {buildSeconds:F2} s, about {indexBytes / (1024 * 1024)} MB managed (entities included).");
        Console.WriteLine();
        Console.WriteLine("Categories: " + string.Join(", ", cases.GroupBy(c => c.Category).Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine();

        // Chokepoint: screen every case once at a low threshold, then read each threshold off the scores.
        var scored = new List<(DevCase Case, IReadOnlyList<ScreenHit> Hits, double Micros)>();
        foreach (var c in cases)
        {
            var s = c.Category == "cross-script" ? latinScreener : screener;
            var r = s.Screen(c.Query, new ScreenOptions { Threshold = new(0.5), Limit = 50 });
            scored.Add((c, r.Hits, r.ElapsedMicroseconds));
        }
        Console.WriteLine("### Chokepoint by threshold");
        Console.WriteLine();
        Console.WriteLine("| threshold | precision | recall | F1 | false-alert rate |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var t in new[] { 0.70, 0.75, 0.80, 0.85, 0.90 })
        {
            var m = Metrics.Of(scored.Select(s => (s.Case, At(s.Hits, s.Case, t))));
            Console.WriteLine($"| {t:F2} | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.FalseAlertRate:P2} |");
        }
        const double chosen = 0.80;
        Console.WriteLine();
        Console.WriteLine($"### Chokepoint at the default threshold {chosen:F2}, by category");
        Console.WriteLine();
        Console.WriteLine("| category | cases | found / alerted | rate | median µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var g in scored.GroupBy(s => s.Case.Category))
        {
            var outcomes = g.Select(s => At(s.Hits, s.Case, chosen)).ToList();
            var positive = g.First().Case.EntityId is not null;
            var n = positive ? outcomes.Count(o => o.Found) : outcomes.Count(o => o.Alerted);
            var med = g.Select(x => x.Micros).Order().ElementAt(g.Count() / 2);
            Console.WriteLine($"| {g.Key} | {g.Count()} | {n} {(positive ? "found" : "alerted")} | {(double)n / g.Count():P1} | {med:F0} |");
        }
        Console.WriteLine();
        Console.WriteLine("Cross-script cases by the script they are written in:");
        Console.WriteLine();
        Console.WriteLine("| script | cases | found | rate |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var g in scored.Where(s => s.Case.Category == "cross-script").GroupBy(s => Script(s.Case.Query.Name!)).OrderByDescending(g => g.Count()))
        {
            var found = g.Count(s => At(s.Hits, s.Case, chosen).Found);
            Console.WriteLine($"| {g.Key} | {g.Count()} | {found} | {(double)found / g.Count():P1} |");
        }
        var micros = scored.Select(s => s.Micros).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine($"Single-query latency over these {micros.Length:N0} queries (one thread, in process): median {micros[micros.Length / 2]:F0} µs, p99 {micros[(int)(micros.Length * 0.99)]:F0} µs, max {micros[^1]:F0} µs.");
        Console.WriteLine();
        Console.WriteLine("### Failing cases at the default threshold (up to six per category)");
        Console.WriteLine();
        var failing = scored.Where(s => { var o = At(s.Hits, s.Case, chosen); return s.Case.EntityId is null ? o.Alerted : !o.Found; }).ToList();
        foreach (var s in failing.GroupBy(f => f.Case.Category).SelectMany(g => g.Take(6)))
            Console.WriteLine(Failure(s.Case, s.Hits));
        Console.WriteLine();
        if (failuresFile is not null)
        {
            File.WriteAllLines(failuresFile, failing.Select(s => Failure(s.Case, s.Hits)));
            Console.WriteLine($"All {failing.Count:N0} failing cases written to {failuresFile}.");
        }
        if (baselineSample > 0) Baselines.Run(entities, cases, scored.ToDictionary(s => s.Case, s => (At(s.Hits, s.Case, chosen), s.Micros)), baselineSample);
    }

    private static string Failure(DevCase c, IReadOnlyList<ScreenHit> hits)
    {
        var top = hits.FirstOrDefault();
        return $"- {c.Category}: `{c.Query.Name}`{(c.EntityId is null ? "" : $" should find {c.Dataset} {c.EntityId} ({c.Source})")}; top hit: {(top is null ? "none" : $"{top.Score:F2} {top.Name} — {top.Explanation}")}";
    }

    /// <summary>The script of a name's first letter, by Unicode block.</summary>
    private static string Script(string name) => name.FirstOrDefault(char.IsLetter) switch
    {
        >= '\u0600' and <= '\u06FF' => "Arabic",
        >= '\u0400' and <= '\u04FF' => "Cyrillic",
        >= '\u4E00' and <= '\u9FFF' => "Han",
        >= '\u0590' and <= '\u05FF' => "Hebrew",
        >= '\u0370' and <= '\u03FF' => "Greek",
        >= '\uAC00' and <= '\uD7AF' => "Hangul",
        >= '\u3040' and <= '\u30FF' => "Kana",
        >= '\u0530' and <= '\u058F' => "Armenian",
        >= '\u10A0' and <= '\u10FF' => "Georgian",
        _ => "other",
    };

    private static Outcome At(IReadOnlyList<ScreenHit> hits, DevCase c, double threshold)
    {
        var above = hits.Where(h => h.Score >= threshold).ToList();
        return new Outcome(above.Count > 0, c.EntityId is not null && above.Any(h => h.List == c.Dataset && h.EntityId == c.EntityId));
    }
}

/// <summary>Precision, recall, F1 and false-alert rate over labelled outcomes. An alert on a variant that misses its
/// entity, and any alert on a non-match, is a false alert.</summary>
internal sealed record Metrics(double Precision, double Recall, double F1, double FalseAlertRate)
{
    public static Metrics Of(IEnumerable<(DevCase Case, Outcome Outcome)> results)
    {
        int tp = 0, fp = 0, positives = 0, negatives = 0, negativeAlerts = 0;
        foreach (var (c, o) in results)
        {
            if (c.EntityId is not null)
            {
                positives++;
                if (o.Found) tp++;
                else if (o.Alerted) fp++;
            }
            else
            {
                negatives++;
                if (o.Alerted) { fp++; negativeAlerts++; }
            }
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = positives == 0 ? 0 : (double)tp / positives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Metrics(precision, recall, f1, negatives == 0 ? 0 : (double)negativeAlerts / negatives);
    }
}
