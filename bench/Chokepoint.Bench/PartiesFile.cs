using System.Text;
using Chokepoint.Core.Exports;
using Chokepoint.Core.Listings;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Bench;

/// <summary>
/// Writes the batch-screening input of docs/BENCHMARKS.md: 30 % primary names of real list entries, 30 % person names
/// recombined from real first and last names (mostly not listed), 40 % made-up companies from list words and legal forms.
/// Seeded, so the same file comes out every time.
/// </summary>
internal static class PartiesFile
{
    private static readonly string[] Forms = ["LLC", "LTD", "GmbH", "Co., Ltd.", "TOO", "OOO", "A.S.", "FZE", "Inc.", "S.p.A.", "JSC"];

    public static void Write(string data, int count, string output)
    {
        var entities = LocalLists.Read(LocalLists.SharedDataFiles.Select(f => Path.Combine(data, f))).Select(x => x.Entity).ToList();
        var listed = entities.Select(e => e.PrimaryName).Where(n => n.Length > 0).ToArray();
        var people = entities.Where(e => e.Kind == EntityKind.Person).Select(e => e.PrimaryName.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2).ToArray();
        var words = entities.Where(e => e.Kind == EntityKind.Organization).SelectMany(e => e.PrimaryName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 3 && w.All(char.IsLetter)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var random = new Random(20261130);
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        writer.WriteLine("name,kind,country,dob,id");
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var (name, kind) = roll < 0.3 ? (listed[random.Next(listed.Length)], "")
                : roll < 0.6 ? ($"{people[random.Next(people.Length)][0]} {people[random.Next(people.Length)][^1]}", "person")
                : ($"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {Forms[random.Next(Forms.Length)]}", "organization");
            SafeCsv.WriteRow(writer, [name, kind, "", "", ""]);
        }
    }
}
