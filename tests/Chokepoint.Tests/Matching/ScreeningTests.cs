using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Matching;

/// <summary>Screening on the real lists: cross-script, evasion, qualifiers, explanations, and refusing without lists.</summary>
public sealed class ScreeningTests
{
    private static readonly Screener Screener = RealIndex.Screener();

    private static ScreenHit? Find(string name, string dataset, string id, EntityKind? kind = null, string? dob = null, string? country = null) =>
        Screener.Screen(new PartyQuery(name, kind, country, dob), new ScreenOptions { Limit = 50 }).Hits
            .FirstOrDefault(h => h.List == dataset && h.EntityId == id);

    [Fact]
    public void Screening_refuses_without_a_loaded_list()
    {
        var empty = new Screener();
        var e = Assert.Throws<ScreeningUnavailableException>(() => empty.Screen(new PartyQuery("Vladimir Putin")));
        Assert.Contains("No list is loaded", e.Message);
    }

    [Fact]
    public void A_hit_names_list_snapshot_names_and_why()
    {
        var hit = Find("Vladimir Putin", "us-ofac-sdn", "35096", EntityKind.Person, country: "RU");
        Assert.NotNull(hit);
        Assert.Equal("PUTIN, Vladimir Vladimirovich", hit.Name);
        Assert.Equal(EntityKind.Person, hit.Kind);
        Assert.True(hit.Snapshot > 0);
        Assert.Contains("name order differs", hit.Explanation);
        Assert.Contains(hit.Features, f => f.Name == "name");
        Assert.InRange(hit.Score, 0.8, 1.0);
    }

    [Theory]
    [InlineData("Мария Александровна Осетрова", "opensanctions-zala_cluster", "NK-2Tbri3s6GgNtAwsSXh4qpL")] // Cyrillic → FtM entity
    [InlineData("Maria Aleksandrovna Osetrova", "gb-ofsi", "16273")]                                         // Latin → OFSI
    [InlineData("Умаров Доку Хаматович", "un-sc", "2960872")]                                                  // Cyrillic original script on the UN list
    [InlineData("Doku Khamatovich Umarov", "un-sc", "2960872")]                                               // and back from Latin
    [InlineData("Saddam Hussein Al-Tikriti", "un-sc", "6908048")]
    [InlineData("صدام حسين التكريتي", "un-sc", "6908048")]                                                    // Arabic
    public void Names_are_found_across_scripts(string query, string dataset, string id)
    {
        var hit = Find(query, dataset, id);
        Assert.True(hit is not null, $"'{query}' did not find {dataset} {id}");
        Assert.True(hit.Score >= 0.8, $"score {hit.Score}: {hit.Explanation}");
    }

    [Theory]
    [InlineData("Oleksandr Ivanovych Bastrykin", "opensanctions-ua_war_sanctions", "Q1485118")] // listed as Alexander Ivanovich BASTRYKIN
    [InlineData("Aleksandr Mikhailovich Aliashkevich", "gb-ofsi", "13938")]                     // listed as Aliaksandr Mikhailavich ALIASHKEVICH
    public void Ukrainian_and_belarusian_spellings_find_the_russian_one(string query, string dataset, string id)
    {
        var hit = Find(query, dataset, id, EntityKind.Person);
        Assert.True(hit is not null && hit.Score >= 0.8, $"'{query}': {hit?.Score} {hit?.Explanation}");
    }

    [Fact]
    public void A_patronymic_the_list_leaves_out_costs_little()
    {
        // Scored the way screening does, the query against the listed name: an extra patronymic is a middle name the
        // list did not record; an extra word of another kind still counts in full.
        static double Score(string query, string listed) => Chokepoint.Matching.Scoring.NameScorer.Score(
            Chokepoint.Matching.Normalising.NameNormalizer.Normalize(query, true), Chokepoint.Matching.Normalising.NameNormalizer.Normalize(listed, true), _ => 1).Score;
        var withPatronymic = Score("ATAMANOV Andrei Gennadievich", "ATAMANOV Andrei");
        var withOtherWord = Score("ATAMANOV Andrei Gennadiev", "ATAMANOV Andrei");
        Assert.True(withPatronymic >= 0.8, $"{withPatronymic}");
        Assert.True(withOtherWord < 0.7, $"{withOtherWord}");
    }

    [Theory]
    [InlineData("طارق عزيز", "7867")]    // AZIZ, Tariq: "zyz" keeps one consonant of "aziz"
    [InlineData("عبد الرحمن", "12922")]  // REHMAN, Abdur: "Abdur Rehman" and عبد الرحمن are both abd + al + rahman
    public void Arabic_script_finds_latin_only_ofac_entries(string query, string id)
    {
        // The OFAC SDN file has no original-script names: only transliteration reaches these.
        var hits = Screener.Screen(new PartyQuery(query, EntityKind.Person), new ScreenOptions { Lists = ["us-ofac-sdn"], Limit = 50 }).Hits;
        var hit = hits.FirstOrDefault(h => h.EntityId == id);
        Assert.True(hit is not null && hit.Score >= 0.8, $"'{query}': {hit?.Score} {hit?.Explanation}");
    }

    [Fact]
    public void Arabic_script_finds_latin_only_names_through_transliteration()
    {
        // Saddam Hussein's UN entry also lists his Arabic name; this checks the Latin-only OFSI and OFAC entries.
        var hits = Screener.Screen(new PartyQuery("صدام حسين"), new ScreenOptions { Limit = 50, Threshold = new(0.7) }).Hits;
        Assert.Contains(hits, h => h.MatchedNameType != NameType.OriginalScript && h.Name.Contains("HUSSEIN", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("PARCHIN\u200B CHEMICAL\u200D INDUSTRIES")]     // zero-width characters
    [InlineData("P\u0410RCHIN CHEMIC\u0410L INDUSTRIES")]       // Cyrillic А homoglyphs
    [InlineData("Parchin Chemical Industries\u202E")]            // bidi override
    [InlineData("parchin chemical industries")]
    public void Evasion_does_not_hide_a_listed_name(string query)
    {
        var hit = Find(query, "un-sc", "110354");
        Assert.NotNull(hit);
        Assert.Equal(1.0, hit.Score, 2);
    }

    [Theory]
    [InlineData("ZALA AERO LLC")]
    [InlineData("OOO ZALA AERO")]
    [InlineData("ООО Зала Аэро")]
    [InlineData("Zala Aero Limited Liability Company")]
    public void Legal_form_swaps_do_not_hide_a_listed_company(string query)
    {
        var hit = Find(query, "us-ofac-sdn", "45934");
        Assert.True(hit is not null && hit.Score >= 0.9, $"{query}: {hit?.Score} {hit?.Explanation}");
    }

    [Fact]
    public void Numbers_that_differ_lower_the_score()
    {
        var same = Chokepoint.Matching.Screening.Screener.Compare(null, "Plant No. 3", "Plant No. 3");
        var other = Chokepoint.Matching.Screening.Screener.Compare(null, "Plant No. 3", "Plant No. 5");
        Assert.Equal(1.0, same.Score, 3);
        Assert.True(other.Score <= 0.6);
        Assert.Contains(other.Notes, n => n.StartsWith("numbers differ", StringComparison.Ordinal));
    }

    [Fact]
    public void Qualifiers_move_the_score_and_say_so()
    {
        var plain = Find("Mousa Mohammed Abu Marzook", "us-ofac-sdn", "3754")!;
        var agrees = Find("Mousa Mohammed Abu Marzook", "us-ofac-sdn", "3754", dob: "1951")!;
        var conflicts = Find("Mousa Mohammed Abu Marzook", "us-ofac-sdn", "3754", dob: "1980", kind: EntityKind.Person);
        var wrongKind = Find("Mousa Mohammed Abu Marzook", "us-ofac-sdn", "3754", kind: EntityKind.Organization);
        Assert.True(agrees.Score >= plain.Score);
        Assert.Contains("DOB 1951 agrees", agrees.Explanation);
        Assert.True(conflicts is null || conflicts.Score < plain.Score);
        Assert.True(wrongKind is null || wrongKind.Score < 0.8);
    }

    [Fact]
    public void An_identical_identifier_is_a_match_on_its_own()
    {
        var hits = Screener.Screen(new PartyQuery(null, Identifier: "IMO 9253325")).Hits;
        Assert.Contains(hits, h => h.EntityId == "NK-24cf2zYe7LEKhr2zFck73j" && h.Score >= 0.97 && h.Explanation.Contains("identical", StringComparison.Ordinal));
    }

    [Fact]
    public void Weak_aliases_match_only_exactly()
    {
        // 'BNC' is a weak a.k.a. of Banco Nacional de Cuba (OFAC 306).
        Assert.NotNull(Find("BNC", "us-ofac-sdn", "306"));
        Assert.Null(Find("BNK", "us-ofac-sdn", "306"));
    }

    [Fact]
    public void Lists_and_programmes_filter_the_hits()
    {
        var only = Screener.Screen(new PartyQuery("Vladimir Putin"), new ScreenOptions { Lists = ["un-sc"] }).Hits;
        Assert.All(only, h => Assert.Equal("un-sc", h.List));
        var russia = Screener.Screen(new PartyQuery("Vladimir Putin"), new ScreenOptions { Programmes = ["RUSSIA-EO14024"] }).Hits;
        Assert.NotEmpty(russia);
        Assert.All(russia, h => Assert.Contains("RUSSIA-EO14024", h.Programmes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ??? ...")]
    public void A_query_with_nothing_to_match_is_a_clear_error(string name) =>
        Assert.Throws<ArgumentException>(() => Screener.Screen(new PartyQuery(name)));

    [Fact]
    public void A_100kB_name_is_refused_with_its_length()
    {
        var e = Assert.Throws<ArgumentException>(() => Screener.Screen(new PartyQuery(new string('x', 100_000))));
        Assert.Contains("100,000 characters", e.Message);
    }

    [Fact]
    public void Control_characters_and_mixed_scripts_do_not_break_a_query()
    {
        var hits = Screener.Screen(new PartyQuery("Vla\u0001dimir\tПутин\r\n")).Hits;
        Assert.NotNull(hits);
    }
}

/// <summary>Filters on a synthetic index where one list crowds out another.</summary>
public sealed class ScreeningFilterTests
{
    [Fact]
    public void A_list_filter_applies_before_candidates_are_chosen()
    {
        static Chokepoint.Core.Snapshots.SnapshotInfo Snapshot(long id, string dataset) => new()
        {
            Id = new(id), Dataset = DatasetId.Parse(dataset), Format = "test", Source = "test", Sha256 = "", ImportedAt = DateTimeOffset.UnixEpoch,
            EntityCount = 0, NameCount = 0, CountsByKind = new Dictionary<string, int>(), CountsByList = new Dictionary<string, int>(),
        };
        static ListedEntity Entity(string id) => new()
        {
            SourceId = id, SourceList = "test", Kind = EntityKind.Person, Names = [new EntityName("John Smith", NameType.Primary)],
        };
        var crowd = Snapshot(1, "crowd");
        var wanted = Snapshot(2, "wanted");
        var entities = Enumerable.Range(0, 200).Select(i => (crowd, Entity($"c{i}"))).Append((wanted, Entity("w1")));
        var screener = new Screener();
        screener.Load(Chokepoint.Matching.Indexing.ScreeningIndex.Build(entities));
        var hits = screener.Screen(new PartyQuery("John Smith"), new ScreenOptions { Lists = ["wanted"] }).Hits;
        Assert.Equal("w1", Assert.Single(hits).EntityId);
    }
}
