using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Screening;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>Screening never answers "no hit" without having screened: unknown filters, symbols in names, response
/// files, and one scoring path for screen and compare.</summary>
public sealed class ScreeningTrustTests
{
    [Fact]
    public async Task Cli_refuses_unknown_lists_and_programmes_and_names_what_it_screened()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var typo = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--lists", "un-sx", "--db", db);
        Assert.Equal(1, typo.Code);
        Assert.Contains("unknown list 'un-sx'", typo.Err);
        Assert.Contains("un-sc", typo.Err);
        var underscore = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--lists", "un_sc", "--db", db);
        Assert.Equal(1, underscore.Code);
        var programme = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--programmes", "NOPE", "--db", db);
        Assert.Equal(1, programme.Code);
        Assert.Contains("unknown programme 'NOPE'", programme.Err);
        var batch = await ChokepointCli.RunAsync("screen", "--input", scratch.Write("p.csv", "name\nERIC BADEGE\n"), "--output", scratch.Path("h.csv"), "--lists", "un-sx", "--db", db);
        Assert.Equal(1, batch.Code);
        Assert.False(File.Exists(scratch.Path("h.csv")));

        var un = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--lists", "un-sc", "--db", db, "--json");
        Assert.Equal(0, un.Code);
        using var json = JsonDocument.Parse(un.Out);
        var snapshots = json.RootElement.GetProperty("snapshots").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal([1L], snapshots); // the UN list was imported first; the SDN snapshot was not screened
        var collection = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--lists", "sanctions", "--db", db);
        Assert.Equal(0, collection.Code);
        Assert.Contains("2 list snapshot(s): un-sc snapshot 1", collection.Out);
    }

    [Fact]
    public void A_filter_that_leaves_nothing_is_an_error()
    {
        var screener = RealIndex.Screener();
        var e = Assert.Throws<UnknownScreeningFilterException>(() =>
            screener.Screen(new PartyQuery("ERIC BADEGE"), new ScreenOptions { Lists = ["un-sc"], Programmes = ["RUSSIA-EO14024"] }));
        Assert.Contains("nothing to screen", e.Message);
        var hits = screener.Screen(new PartyQuery("ERIC BADEGE"), new ScreenOptions { Lists = ["un-sc"], Programmes = ["DRC"] });
        Assert.NotEmpty(hits.Hits);
        Assert.Single(hits.Snapshots);
    }

    [Theory]
    [InlineData("Vladimir 🙂 Putin")]
    [InlineData("😀 Vladimir Putin")]
    [InlineData("Vladimir✈Putin")]
    [InlineData("Vladimir \uE000 Putin")]
    [InlineData("Vladimir™ Putin €")]
    [InlineData("Vladimir 👍🏽 Putin")]
    [InlineData("Vladimir ❤️ Putin")]
    [InlineData("🇷🇺 Vladimir Putin ∑")]
    public void Symbols_are_separators_at_most(string name)
    {
        Assert.Equal(["vladimir", "putin"], NameNormalizer.Normalize(name, person: true).Tokens);
        var screener = RealIndex.Screener();
        var plain = screener.Screen(new PartyQuery("Vladimir Putin", EntityKind.Person)).Hits.Single(h => h.List == "us-ofac-sdn" && h.EntityId == "35096");
        var hit = screener.Screen(new PartyQuery(name, EntityKind.Person)).Hits.Single(h => h.List == "us-ofac-sdn" && h.EntityId == "35096");
        Assert.Equal(plain.Score, hit.Score);
    }

    [Fact]
    public void An_apostrophe_written_as_an_accent_still_joins()
    {
        Assert.Equal(NameNormalizer.Normalize("O'Brien").Tokens, NameNormalizer.Normalize("O´Brien").Tokens);
    }

    /// <summary>Property: for random queries drawn from the lists (and slips of them), every hit's name score is what
    /// compare gives for the query and the matched name. Seeded, so a failure repeats.</summary>
    [Fact]
    public void Screen_and_compare_score_every_pair_identically()
    {
        var screener = RealIndex.Screener();
        var entities = RealIndex.Entities;
        var random = new Random(20261201);
        var checkedHits = 0;
        for (var i = 0; i < 400; i++)
        {
            var (_, entity) = entities[random.Next(entities.Count)];
            var name = entity.Names[random.Next(entity.Names.Count)].Value;
            var query = (i % 3) switch
            {
                0 => name,
                1 => Slip(name, random),
                _ => "😀 " + name,
            };
            ScreenResult result;
            try { result = screener.Screen(new PartyQuery(query, entity.Kind), new ScreenOptions { Threshold = new(0.3), Limit = 5 }); }
            catch (ArgumentException) { continue; } // a name of symbols only
            foreach (var hit in result.Hits.Where(h => h.Kind == entity.Kind && h.MatchedNameType != NameType.WeakAlias))
            {
                var nameScore = hit.Features.Single(f => f.Name == "name").Effect;
                Assert.Equal(nameScore, Screener.Compare(RealIndex.Index, query, hit.MatchedName, entity.Kind).Score, 6);
                checkedHits++;
            }
        }
        Assert.True(checkedHits > 300, $"only {checkedHits} hits compared");
    }

    private static string Slip(string name, Random random)
    {
        if (name.Length < 4) return name;
        var i = random.Next(1, name.Length - 1);
        return name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
    }

    [Fact]
    public async Task An_argument_starting_with_at_is_a_value_not_a_response_file()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var formula = await ChokepointCli.RunAsync("screen", "--name", "@SUM(1)", "--db", db);
        Assert.Equal(0, formula.Code);
        Assert.Contains("no hit", formula.Out);
        // A file that would inject options is never read as options.
        var injected = scratch.Write("opts.rsp", "--threshold\n0\n--lists\nun-sc\n");
        var file = await ChokepointCli.RunAsync("screen", "--name", "@" + injected, "--db", db, "--json");
        Assert.Equal(0, file.Code);
        using var json = JsonDocument.Parse(file.Out);
        Assert.Equal("@" + injected, json.RootElement.GetProperty("query").GetProperty("name").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("snapshots").GetArrayLength());
    }
}
