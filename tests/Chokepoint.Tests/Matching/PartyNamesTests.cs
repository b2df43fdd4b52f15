using Chokepoint.Core.Listings;
using Chokepoint.Core.Values;
using Chokepoint.Matching.Screening;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Matching;

/// <summary>
/// The reverse index monitoring narrows a run with: every party that screening gives a hit on a changed entry must be
/// among the parties <see cref="PartyNames.Reaching"/> names, on the real lists of every script, for listed names
/// spelt as they are, misspelt, reordered, cut short or run together, and for names made of other list words.
/// </summary>
public sealed class PartyNamesTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.7)]
    [InlineData(3, 0.85)]
    public void Every_party_with_a_hit_on_a_changed_entry_is_reached(int seed, double threshold)
    {
        var index = RealIndex.Index;
        var random = new Random(seed);
        var entities = RealIndex.Entities;
        // Entries with a name in Arabic script too: a party written so is matched on its consonants.
        var arabic = entities.Where(x => x.Entity.Names.Any(n => n.Value.Any(c => c is >= '\u0600' and <= '\u06FF'))).ToList();
        var changed = Enumerable.Range(0, 400).Select(_ => entities[random.Next(entities.Count)])
            .Concat(Enumerable.Range(0, 100).Select(_ => arabic[random.Next(arabic.Count)]))
            .Concat(entities.Where(x => x.Entity.PrimaryName.Contains("aziz", StringComparison.OrdinalIgnoreCase)).Take(100)).ToList();
        var parties = new List<PartyQuery>();
        foreach (var (_, e) in changed.Concat(Enumerable.Range(0, 1500).Select(_ => entities[random.Next(entities.Count)])).Concat(arabic.Take(300)))
        {
            var names = e.Names.Select(n => n.Value).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
            if (names.Count == 0) continue;
            var name = names[random.Next(names.Count)];
            var kind = e.Kind is EntityKind.Person ? EntityKind.Person : EntityKind.Organization;
            parties.Add(new PartyQuery(name, kind));
            parties.Add(new PartyQuery(Misspelt(name, random), kind));
            parties.Add(new PartyQuery(Reordered(name, random), kind));
            parties.Add(new PartyQuery(name.Replace(" ", "", StringComparison.Ordinal), kind));
            if (e.Identifiers.Count > 0) parties.Add(new PartyQuery("Unrelated Holdings", EntityKind.Organization, Identifier: e.Identifiers[0].Value));
        }
        var words = entities.Take(5000).SelectMany(x => x.Entity.PrimaryName.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        for (var i = 0; i < 3000; i++)
            parties.Add(new PartyQuery(string.Join(' ', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => words[random.Next(words.Length)])), random.Next(2) == 0 ? EntityKind.Person : null));

        var wanted = changed.Select(c => (c.Snapshot.Id, c.Entity.SourceId)).ToHashSet();
        var options = new ScreenOptions { Threshold = new Score(threshold), Limit = 100 };
        var reached = PartyNames.Build(parties).Reaching(index, wanted, options, i => parties[i]);
        var screener = RealIndex.Screener();
        var hitting = Enumerable.Range(0, parties.Count)
            .Where(p => Hits(screener, parties[p], options).Any(h => wanted.Contains((new SnapshotId(h.Snapshot), h.EntityId))))
            .ToList();

        Assert.True(hitting.Count > 800, $"only {hitting.Count} parties hit a changed entry: the test would prove little");
        var missed = hitting.Where(p => !reached.Contains(p)).Select(p => parties[p].Name).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} parties with a hit were not reached: {string.Join(" | ", missed.Take(10))}");
        Assert.True(reached.Count < parties.Count * 0.8, $"{reached.Count:N0} of {parties.Count:N0} reached: the narrowing narrows nothing");
    }

    [Theory]
    [InlineData("عزيز", "7867")]        // AZIZ, Tariq: reached by consonants alone ("zyz" / "aziz")
    [InlineData("عبد الرحمن", "12922")] // REHMAN, Abdur
    public void A_name_in_arabic_script_reaches_its_latin_only_entry(string name, string id)
    {
        var (snapshot, _) = RealIndex.Entities.Single(x => x.Snapshot.Dataset.Value == "us-ofac-sdn" && x.Entity.SourceId == id);
        var parties = PartyNames.Build([new PartyQuery(name, EntityKind.Person)]);
        Assert.Equal([0], parties.Reaching(RealIndex.Index, [(snapshot.Id, id)], new ScreenOptions { Threshold = new Score(0.3) }, _ => new PartyQuery(name, EntityKind.Person)));
    }

    [Fact]
    public void An_identifier_alone_reaches_its_entry()
    {
        var (snapshot, entity) = RealIndex.Entities.First(x => x.Entity.Identifiers.Any(i => i.Value.Count(char.IsLetterOrDigit) >= 6));
        PartyQuery[] queries = [new(null, null, Identifier: entity.Identifiers.First(i => i.Value.Count(char.IsLetterOrDigit) >= 6).Value), new("Nobody In Particular")];
        Assert.Equal([0], PartyNames.Build(queries).Reaching(RealIndex.Index, [(snapshot.Id, entity.SourceId)], new ScreenOptions(), i => queries[i]));
    }

    [Fact]
    public void Entries_the_index_does_not_hold_reach_nobody()
    {
        PartyQuery[] queries = [new("Vladimir Putin", EntityKind.Person)];
        Assert.Empty(PartyNames.Build(queries).Reaching(RealIndex.Index, [(new SnapshotId(999_999), "35096")], new ScreenOptions(), i => queries[i]));
    }

    /// <summary>A name left empty by normalising (a legal form alone) is refused by screening: no hits.</summary>
    private static IReadOnlyList<ScreenHit> Hits(Screener screener, PartyQuery party, ScreenOptions options)
    {
        try
        {
            return screener.Screen(party, options).Hits;
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    private static string Misspelt(string name, Random random)
    {
        if (name.Length < 4) return name;
        var i = 1 + random.Next(name.Length - 2);
        return random.Next(3) switch
        {
            0 => name.Remove(i, 1),                                  // a letter dropped
            1 => name[..i] + name[i + 1] + name[i] + name[(i + 2)..], // two swapped
            _ => name.Insert(i, name[i].ToString()),                 // one doubled
        };
    }

    private static string Reordered(string name, Random random)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts.Length > 2 && random.Next(2) == 0 ? parts[..^1] : parts.Reverse());
    }
}
