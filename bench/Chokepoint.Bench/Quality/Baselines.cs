using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using FuzzySharp;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Chokepoint.Bench.Quality;

/// <summary>
/// The two matchers a .NET developer would otherwise reach for, on the same cases in the same run: brute-force
/// FuzzySharp token-set ratio over every listed name (alert at 90), and a Lucene.Net index queried with one fuzzy term
/// per query word, all required (alert on any result).
/// </summary>
internal static class Baselines
{
    public static void Run(List<(SnapshotInfo Snapshot, ListedEntity Entity)> entities, List<DevCase> cases,
        Dictionary<DevCase, (Outcome Outcome, double Micros)> chokepoint, int sample)
    {
        var random = new Random(11);
        var subset = cases.GroupBy(c => c.Category).SelectMany(g => g.OrderBy(_ => random.Next()).Take(Math.Max(5, sample * g.Count() / cases.Count))).ToList();
        // Cross-script cases run against names without their original-script forms, as for Chokepoint.
        var names = entities.SelectMany(x => x.Entity.Names.Select(n => (Key: $"{x.Snapshot.Dataset}|{x.Entity.SourceId}", n.Value, Original: n.Type == NameType.OriginalScript))).ToList();

        // FuzzySharp, brute force.
        var fuzzy = new List<(DevCase, Outcome, double)>();
        var preprocessed = names.Select(n => (n.Key, Text: Prepare(n.Value), n.Original)).ToList();
        foreach (var c in subset)
        {
            var watch = Stopwatch.StartNew();
            var q = Prepare(c.Query.Name ?? "");
            var hits = new HashSet<string>();
            var latinOnly = c.Category == "cross-script";
            foreach (var (key, text, original) in preprocessed)
                if (!(latinOnly && original) && Fuzz.TokenSetRatio(q, text, FuzzySharp.PreProcess.PreprocessMode.None) >= 90) hits.Add(key);
            fuzzy.Add((c, new Outcome(hits.Count > 0, c.EntityId is not null && hits.Contains($"{c.Dataset}|{c.EntityId}")), watch.Elapsed.TotalMicroseconds));
        }

        // Lucene.Net fuzzy queries.
        var lucene = new List<(DevCase, Outcome, double)>();
        var version = LuceneVersion.LUCENE_48;
        using var dir = new RAMDirectory();
        using var analyzer = new StandardAnalyzer(version);
        var indexWatch = Stopwatch.StartNew();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(version, analyzer)))
        {
            foreach (var (key, value, original) in names)
                writer.AddDocument(new Document
                {
                    new StringField("key", key, Field.Store.YES), new TextField("name", value, Field.Store.NO), new StringField("original", original ? "1" : "0", Field.Store.NO),
                });
            writer.Commit();
        }
        var luceneBuild = indexWatch.Elapsed.TotalSeconds;
        using var reader = DirectoryReader.Open(dir);
        var searcher = new IndexSearcher(reader);
        foreach (var c in subset)
        {
            var watch = Stopwatch.StartNew();
            var query = new BooleanQuery();
            using (var stream = analyzer.GetTokenStream("name", c.Query.Name ?? ""))
            {
                var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    var t = term.ToString();
                    query.Add(new FuzzyQuery(new Term("name", t), t.Length >= 5 ? 2 : 1), Occur.MUST);
                }
                stream.End();
            }
            if (c.Category == "cross-script") query.Add(new TermQuery(new Term("original", "1")), Occur.MUST_NOT);
            var keys = query.Clauses.Count == 0 ? [] : searcher.Search(query, 10).ScoreDocs.Select(d => searcher.Doc(d.Doc).Get("key")).ToHashSet();
            lucene.Add((c, new Outcome(keys.Count > 0, c.EntityId is not null && keys.Contains($"{c.Dataset}|{c.EntityId}")), watch.Elapsed.TotalMicroseconds));
        }

        Console.WriteLine($"### Baselines beside Chokepoint, on a stratified sample of {subset.Count} cases (same cases for all three)");
        Console.WriteLine();
        Console.WriteLine("| matcher | precision | recall | F1 | false-alert rate | median µs/query | p99 µs/query |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row("Chokepoint (threshold 0.80)", subset.Select(c => (c, chokepoint[c].Outcome, chokepoint[c].Micros)).ToList());
        Row("FuzzySharp TokenSetRatio ≥ 90, brute force", fuzzy);
        Row($"Lucene.Net fuzzy terms, all required (index built in {luceneBuild:F1} s)", lucene);
        Console.WriteLine();
    }

    /// <summary>FuzzySharp's own full preprocessing (lower case, letters and digits only), done once per listed name.</summary>
    private static string Prepare(string s) =>
        new string(s.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Trim();

    private static void Row(string name, List<(DevCase Case, Outcome Outcome, double Micros)> results)
    {
        var m = Metrics.Of(results.Select(r => (r.Case, r.Outcome)));
        var micros = results.Select(r => r.Micros).Order().ToArray();
        Console.WriteLine($"| {name} | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.FalseAlertRate:P2} | {micros[micros.Length / 2]:F0} | {micros[(int)(micros.Length * 0.99)]:F0} |");
    }
}
