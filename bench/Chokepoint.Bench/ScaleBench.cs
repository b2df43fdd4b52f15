using System.Diagnostics;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench;

/// <summary>
/// Synthetic scale run: indexes of 10k, 100k and 1M names built from real first names, surnames and company words
/// recombined, queried with names drawn from each index (half altered by a typo) and with names not in it.
/// Reports build time, managed memory and query latency per size: the curve of cost against list size.
/// </summary>
internal static class ScaleBench
{
    public static void Run(string data)
    {
        var real = LocalLists.Read(LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f)));
        var words = real.SelectMany(x => x.Entity.Names).Select(n => n.Value).Where(v => v.All(c => c < 0x250))
            .SelectMany(v => v.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 3 && w.All(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var snapshot = real[0].Snapshot;
        Console.WriteLine("## Scale: synthetic names from real name words");
        Console.WriteLine();
        Console.WriteLine($"{words.Length:N0} distinct real name words; each synthetic entity has a 2-4 word name. 2,000 queries per size, one thread.");
        Console.WriteLine();
        Console.WriteLine("| names | build s | managed MB | median µs | p99 µs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var size in new[] { 10_000, 100_000, 1_000_000 })
        {
            var random = new Random(size);
            var entities = new List<(SnapshotInfo, ListedEntity)>(size);
            for (var i = 0; i < size; i++)
            {
                var name = string.Join(' ', Enumerable.Range(0, 2 + random.Next(3)).Select(_ => words[random.Next(words.Length)]));
                entities.Add((snapshot, new ListedEntity
                {
                    SourceId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), SourceList = "synthetic",
                    Kind = i % 2 == 0 ? EntityKind.Person : EntityKind.Organization, Names = [new EntityName(name, NameType.Primary)],
                }));
            }
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var watch = Stopwatch.StartNew();
            var index = ScreeningIndex.Build(entities);
            var build = watch.Elapsed.TotalSeconds;
            var bytes = GC.GetTotalMemory(true) - before;
            var screener = new Screener();
            screener.Load(index);
            var micros = new List<double>();
            for (var q = 0; q < 2000; q++)
            {
                var query = q % 3 == 0
                    ? string.Join(' ', words[random.Next(words.Length)], words[random.Next(words.Length)])
                    : entities[random.Next(size)].Item2.PrimaryName;
                if (q % 3 == 1 && query.Length > 4) query = query.Remove(2 + random.Next(query.Length - 3), 1);
                micros.Add(screener.Screen(new PartyQuery(query)).ElapsedMicroseconds);
            }
            micros.Sort();
            Console.WriteLine($"| {size:N0} | {build:F1} | {bytes / (1024 * 1024):N0} | {micros[micros.Count / 2]:F0} | {micros[(int)(micros.Count * 0.99)]:F0} |");
            GC.KeepAlive(index);
        }
        Console.WriteLine();
    }
}
