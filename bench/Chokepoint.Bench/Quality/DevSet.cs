using System.Text;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Bench.Quality;

/// <summary>One labelled query: the party, and the entity it truly is (null for a true non-match).</summary>
internal sealed record DevCase(string Category, PartyQuery Query, string? Dataset, string? EntityId, string Source);

/// <summary>
/// Builds the labelled development set from the real lists, seeded so it is the same every run. True variants:
/// original-script names against romanised ones, typos, reordered and truncated names, legal-form swaps, evasion
/// (zero-width characters, homoglyphs). True non-matches: real first and last names recombined into people who are on
/// no list, real company words recombined into companies that are on no list, and common names not listed.
/// </summary>
internal static class DevSet
{
    private static readonly string[] CommonNames =
    [
        "John Smith", "Maria Garcia", "Wang Wei", "Li Na", "Zhang Wei", "Ivan Petrov", "Olga Ivanova", "Ahmed Hassan", "Fatima Ali",
        "James Johnson", "Anna Kowalska", "Mehmet Yilmaz", "Ayse Demir", "Nguyen Van An", "Kim Min-jun", "Sergei Smirnov",
        "Elena Popova", "Juan Martinez", "Rahul Sharma", "Priya Patel", "Hans Mueller", "Sophie Martin", "Giulia Rossi",
        "Aliyev Rashad", "Nurlan Abenov", "Aigerim Sultanova", "Armen Petrosyan", "Anahit Grigoryan", "Bakyt Toktogulov",
        "Siemens Energy Services", "Shenzhen Bright Electronics Trading", "Almaty Machine Tools Supply", "Yerevan Optics Import",
        "Bishkek Logistics Partners", "Dubai Precision Components Trading", "Istanbul Industrial Automation", "Tashkent Textile Exports",
    ];

    public static List<DevCase> Build(IReadOnlyList<(Chokepoint.Core.Snapshots.SnapshotInfo Snapshot, ListedEntity Entity)> entities, int seed = 7)
    {
        var random = new Random(seed);
        var cases = new List<DevCase>();
        var listedTokenSets = new HashSet<string>(StringComparer.Ordinal);
        var tokenPairs = new HashSet<(string, string)>();
        foreach (var (_, e) in entities)
            foreach (var n in e.Names)
            {
                var t = Tokens(n.Value);
                listedTokenSets.Add(string.Join(' ', t.Order(StringComparer.Ordinal)));
                for (var i = 0; i < t.Length; i++) for (var j = 0; j < t.Length; j++) if (i != j) tokenPairs.Add((t[i], t[j]));
            }

        var persons = entities.Where(x => x.Entity.Kind == EntityKind.Person && Tokens(x.Entity.PrimaryName).Length >= 2 && Scripts(x.Entity.PrimaryName)).ToList();
        var orgs = entities.Where(x => x.Entity.Kind == EntityKind.Organization && Tokens(x.Entity.PrimaryName).Length >= 2 && Scripts(x.Entity.PrimaryName)).ToList();
        DevCase Positive(string category, string query, (Chokepoint.Core.Snapshots.SnapshotInfo S, ListedEntity E) x, EntityKind? kind = null) =>
            new(category, new PartyQuery(query, kind), x.S.Dataset, x.E.SourceId, x.E.PrimaryName);

        foreach (var x in Sample(persons, 100, random).Concat(Sample(orgs, 100, random)))
            cases.Add(Positive("exact", x.Entity.PrimaryName, x));
        foreach (var x in Sample(persons.Where(p => p.Entity.PrimaryName.Contains(',', StringComparison.Ordinal)).ToList(), 200, random))
        {
            var parts = x.Entity.PrimaryName.Split(',', 2);
            cases.Add(Positive("reordered", $"{parts[1].Trim()} {parts[0].Trim()}", x));
        }
        foreach (var x in Sample(persons, 150, random).Concat(Sample(orgs, 150, random)))
            if (Typo(x.Entity.PrimaryName, random) is { } typo) cases.Add(Positive("typo", typo, x));
        foreach (var x in Sample(persons.Where(p => Tokens(p.Entity.PrimaryName).Length >= 3).ToList(), 200, random))
        {
            var words = x.Entity.PrimaryName.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            words.RemoveAt(words.Count - 1 > 1 ? 1 + random.Next(words.Count - 2) : 1);
            cases.Add(Positive("dropped-middle-name", string.Join(' ', words), x, EntityKind.Person));
        }
        foreach (var x in Sample(orgs.Where(o => NameNormalizer.Normalize(o.Entity.PrimaryName).LegalForms.Length > 0 && NameNormalizer.Normalize(o.Entity.PrimaryName).Tokens.Length >= 1).ToList(), 250, random))
        {
            var key = NameNormalizer.Normalize(x.Entity.PrimaryName);
            var core = key.ToString().ToUpperInvariant();
            var swapped = key.LegalForms[0] switch
            {
                "llc" => random.Next(4) switch { 0 => $"{core} LLC", 1 => $"OOO {core}", 2 => $"TOO {core}", _ => $"{core} Limited Liability Company" },
                "jsc" => random.Next(3) switch { 0 => $"{core} JSC", 1 => $"AO {core}", _ => $"PAO {core}" },
                "ltd" => random.Next(2) == 0 ? $"{core} Limited" : $"{core} Co., Ltd.",
                var f => $"{core} {f.ToUpperInvariant()}",
            };
            cases.Add(Positive("legal-form-swap", swapped, x, EntityKind.Organization));
        }
        foreach (var x in Sample(persons, 100, random).Concat(Sample(orgs, 100, random)))
            cases.Add(Positive("evasion", Evade(x.Entity.PrimaryName, random), x));

        // Original-script names: run against an index without original-script names (see QualityRun), so only
        // transliteration can find them.
        foreach (var x in entities.Where(x => x.Entity.Kind is EntityKind.Person or EntityKind.Organization))
            foreach (var n in x.Entity.Names.Where(n => n.Type == NameType.OriginalScript && !Scripts(n.Value)).Take(1))
                cases.Add(new DevCase("cross-script", new PartyQuery(n.Value, x.Entity.Kind), x.Snapshot.Dataset, x.Entity.SourceId, x.Entity.PrimaryName));

        // True non-matches: a real first name with a real surname of someone else, never listed together.
        var firsts = persons.Select(p => Tokens(p.Entity.PrimaryName)).Where(t => t.Length >= 2).ToList();
        var attempts = 0;
        while (cases.Count(c => c.Category == "recombined-person") < 500 && attempts++ < 20_000)
        {
            var a = firsts[random.Next(firsts.Count)];
            var b = firsts[random.Next(firsts.Count)];
            var first = a[^1];
            var last = b[0];
            if (first == last || first.Length < 3 || last.Length < 4 || tokenPairs.Contains((first, last))) continue;
            cases.Add(new DevCase("recombined-person", new PartyQuery($"{Cap(first)} {Cap(last)}", EntityKind.Person), null, null, ""));
        }
        var orgWords = orgs.SelectMany(o => NameNormalizer.Normalize(o.Entity.PrimaryName).Tokens).Where(t => t.Length >= 5).Distinct().ToList();
        attempts = 0;
        while (cases.Count(c => c.Category == "recombined-company") < 300 && attempts++ < 20_000)
        {
            var a = orgWords[random.Next(orgWords.Count)];
            var b = orgWords[random.Next(orgWords.Count)];
            if (a == b || tokenPairs.Contains((a, b)) || tokenPairs.Contains((b, a))) continue;
            cases.Add(new DevCase("recombined-company", new PartyQuery($"{Cap(a)} {Cap(b)} LLC", EntityKind.Organization), null, null, ""));
        }
        foreach (var name in CommonNames)
        {
            var key = string.Join(' ', NameNormalizer.Normalize(name).Tokens.Order(StringComparer.Ordinal));
            if (!listedTokenSets.Contains(key)) cases.Add(new DevCase("common-name", new PartyQuery(name), null, null, ""));
        }
        return cases.Distinct().ToList(); // two draws can make the same case: count it once
    }

    /// <summary>The words of a name as the set is built from them: romanised (AnyAscii), lower-cased, split on anything
    /// but letters and digits. Deliberately not the matcher's normaliser: changing the matcher must not change the set
    /// it is measured on.</summary>
    private static string[] Tokens(string name) =>
        System.Text.RegularExpressions.Regex.Split(AnyAscii.Transliteration.Transliterate(name).ToLowerInvariant(), "[^a-z0-9]+").Where(w => w.Length > 0).ToArray();

    private static bool Scripts(string name) => name.All(c => c < 0x250);

    private static string Cap(string t) => char.ToUpperInvariant(t[0]) + t[1..];

    private static List<T> Sample<T>(List<T> items, int n, Random random) =>
        items.Count <= n ? items : Enumerable.Range(0, n).Select(_ => items[random.Next(items.Count)]).Distinct().ToList();

    /// <summary>One keyboard slip in a token of five or more letters: a swap, a dropped or a doubled letter, or a substitution.</summary>
    private static string? Typo(string name, Random random)
    {
        var words = name.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Count(char.IsLetter) >= 5).ToList();
        if (candidates.Count == 0) return null;
        var w = candidates[random.Next(candidates.Count)];
        var chars = words[w].ToList();
        var at = 1 + random.Next(chars.Count - 2);
        switch (random.Next(4))
        {
            case 0: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            case 1: chars.RemoveAt(at); break;
            case 2: chars.Insert(at, chars[at]); break;
            default: chars[at] = (char)('a' + random.Next(26)); break;
        }
        words[w] = new string([.. chars]);
        return string.Join(' ', words);
    }

    /// <summary>Zero-width spaces, a soft hyphen and Cyrillic look-alikes slipped into the name.</summary>
    private static string Evade(string name, Random random)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            var swap = random.Next(5) == 0;
            sb.Append(swap ? c switch { 'a' => 'а', 'A' => 'А', 'o' => 'о', 'O' => 'О', 'e' => 'е', 'E' => 'Е', 'p' => 'р', 'P' => 'Р', 'c' => 'с', 'C' => 'С', _ => c } : c);
            if (char.IsLetter(c) && random.Next(8) == 0) sb.Append(random.Next(2) == 0 ? '\u200B' : '\u00AD');
        }
        return sb.ToString();
    }
}
