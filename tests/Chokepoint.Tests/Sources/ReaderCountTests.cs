using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Sources;

/// <summary>Every reader on its real publisher file: the counts equal the publisher's own (stated in the file, or in
/// ../shared/data SOURCES.md where the publisher states them), per kind and per list.</summary>
public sealed class ReaderCountTests
{
    internal static (List<ListedEntity> Entities, ReadReport Report) ReadAll(string relative, string? format = null)
    {
        var path = TestData.File(relative);
        var reader = format is null ? ListReaders.Detect(path) : ListReaders.ByFormat(format);
        var report = new ReadReport();
        return (reader.Read(reader.Resolve(path), report, CancellationToken.None).ToList(), report);
    }

    private static Dictionary<EntityKind, int> ByKind(IEnumerable<ListedEntity> e) => e.GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.Count());

    [Theory]
    [InlineData(TestData.Sdn2021, "ofac-csv", 8976, 4620, 3673, 406, 277)]
    [InlineData(TestData.Sdn2024, "ofac-csv", 14965, 6854, 6884, 851, 376)]
    [InlineData(TestData.ConsPrim, "ofac-csv", 442, 79, 363, 0, 0)]
    [InlineData(TestData.ConsXml, "ofac-xml", 639, 94, 471, 74, 0)]
    [InlineData(TestData.ConsEnhanced, "ofac-enhanced", 443, 80, 363, 0, 0)]
    [InlineData(TestData.Csl, "us-csl", 14160, 5286, 4533, 433, 283)]
    [InlineData(TestData.Un, "un-xml", 1003, 730, 273, 0, 0)]
    [InlineData(TestData.OfsiXlsx, "uk-ofsi", 4688, 3663, 1010, 15, 0)]
    [InlineData(TestData.OfsiCsv, "uk-ofsi", 2106, -1, -1, 0, 0)]
    [InlineData(TestData.EuFsf, "eu-fsf", 5, 4, 1, 0, 0)]
    [InlineData(TestData.FtmZala, "ftm", 17, 6, 11, 0, 0)]
    [InlineData(TestData.FtmEu, "ftm", 6, 4, 2, 0, 0)]
    [InlineData(TestData.Targets, "os-targets-csv", 5600, 1543, 2717, 1340, 0)]
    [InlineData(TestData.Sema, "ca-sema", 1369, 985, 384, 0, 0)]
    [InlineData(TestData.Mofcom, "cn-mofcom-csv", 610, 195, 415, 0, 0)]
    public void Counts_equal_the_publishers(string file, string format, int total, int persons, int organizations, int vessels, int aircraft)
    {
        Assert.Equal(format, ListReaders.Detect(TestData.File(file)).Format);
        var (entities, _) = ReadAll(file);
        Assert.Equal(total, entities.Count);
        Assert.Equal(total, entities.Select(e => e.SourceId).Distinct().Count());
        var kinds = ByKind(entities);
        foreach (var (kind, expected) in new[] { (EntityKind.Person, persons), (EntityKind.Organization, organizations), (EntityKind.Vessel, vessels), (EntityKind.Aircraft, aircraft) })
            if (expected >= 0) Assert.Equal(expected, kinds.GetValueOrDefault(kind));
        Assert.All(entities, e => Assert.False(string.IsNullOrWhiteSpace(e.PrimaryName)));
    }

    [Fact]
    public void Ofac_csv_joins_addresses_aliases_and_comments()
    {
        var (entities, report) = ReadAll(TestData.Sdn2021);
        Assert.Empty(report.Notes);
        var bnc = entities.Single(e => e.SourceId == "306");
        Assert.Equal("BANCO NACIONAL DE CUBA", bnc.PrimaryName);
        Assert.Contains(bnc.Names, n => n is { Value: "NATIONAL BANK OF CUBA", Type: NameType.Alias });
        Assert.Contains(bnc.Names, n => n is { Value: "BNC", Type: NameType.WeakAlias });
        Assert.Contains(bnc.Addresses, a => a.Text == "Zweierstrasse 35, Zurich CH-8022, Switzerland" && a.Country == "Switzerland");
        // sdn_comments.csv continues the remarks of ent_num 12300.
        Assert.Contains("Linked To: RED MUNDIAL INMOBILIARIA", entities.Single(e => e.SourceId == "12300").Remarks);
    }

    [Fact]
    public void Ofac_remarks_yield_birth_dates_identifiers_and_weak_aliases()
    {
        var (entities, report) = ReadAll(TestData.Sdn2024);
        Assert.Equal(3, report.Notes.Count); // no add, alt, comments beside the 2024 file: said, not hidden
        var abuMarzook = entities.Single(e => e.SourceId == "3754");
        Assert.Equal(EntityKind.Person, abuMarzook.Kind);
        Assert.Equal(new DateOnly(1951, 2, 9), Assert.Single(abuMarzook.BirthDates).From);
        Assert.Contains("Gaza, Egypt", abuMarzook.BirthPlaces);
        Assert.Contains(abuMarzook.Identifiers, i => i is { Type: "Passport", Value: "92/664", Country: "Egypt" });
        Assert.Contains(abuMarzook.Identifiers, i => i is { Type: "SSN", Value: "523-33-8386", Country: "United States" });
        Assert.Contains(abuMarzook.Names, n => n is { Value: "ABU-'UMAR", Type: NameType.WeakAlias });
        // SOURCES.md counts 4,440 rows mentioning RUSSIA-EO14024; one of them is BPI-RUSSIA-EO14024, another programme.
        Assert.Equal(4439, entities.Count(e => e.Programmes.Contains("RUSSIA-EO14024")));
        Assert.Equal(1, entities.Count(e => e.Programmes.Contains("BPI-RUSSIA-EO14024")));
        Assert.Contains(entities, e => e.Identifiers.Any(i => i.Type == "IMO"));
        Assert.Contains(entities, e => e.Identifiers.Any(i => i.Type.StartsWith("Digital Currency Address", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ofac_xml_checks_its_record_count_and_date()
    {
        var (entities, report) = ReadAll(TestData.ConsXml);
        Assert.Equal(639, report.StatedCount);
        Assert.Equal(new DateOnly(2018, 4, 6), report.Published);
        var markazi = entities.Single(e => e.SourceId == "4632");
        Assert.Equal("BANK MARKAZI JOMHOURI ISLAMI IRAN", markazi.PrimaryName);
        Assert.Contains(markazi.Names, n => n.Value == "CENTRAL BANK OF IRAN");
        Assert.Contains(entities, e => e.Names.Any(n => n.Type == NameType.WeakAlias));
    }

    [Fact]
    public void Ofac_enhanced_reads_dates_documents_and_lists()
    {
        var (entities, report) = ReadAll(TestData.ConsEnhanced);
        Assert.Equal(new DateOnly(2025, 1, 10), report.Published);
        var haniya = entities.Single(e => e.SourceId == "9639");
        Assert.Equal("HANIYA, Ismail Abdul Salah", haniya.PrimaryName);
        Assert.Equal("Non-SDN Palestinian Legislative Council List", haniya.SourceList);
        var dob = Assert.Single(haniya.BirthDates);
        Assert.Equal((new DateOnly(1962, 1, 1), new DateOnly(1962, 12, 31)), (dob.From!.Value, dob.To!.Value));
        Assert.Contains(entities, e => e.Identifiers.Any(i => i is { Type: "Tax ID No.", Value: "7702070139", Country: "Russia" }));
    }

    [Fact]
    public void Csl_keeps_each_source_list_and_the_entity_list_licence_columns()
    {
        var (entities, report) = ReadAll(TestData.Csl);
        var byList = entities.GroupBy(e => USCsl(e.SourceList)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10026, byList["SDN"]);
        Assert.Equal(2001, byList["EL"]);
        Assert.Equal(727, byList["DTC"]);
        Assert.Equal(462, byList["DPL"]);
        Assert.Equal(290, byList["SSI"]);
        Assert.Equal(201, byList["UVL"]);
        Assert.Equal(163, byList["ISN"]);
        Assert.Equal(78, byList["PLC"]);
        Assert.Equal(71, byList["MEU"]);
        Assert.Equal(68, byList["CMIC"]);
        Assert.Equal(53, byList["CAP"]);
        Assert.Equal(17, byList["NS-MBS"]);
        Assert.Equal(3, byList["FSE"]);
        Assert.Single(report.Notes); // trade.gov's one repeated row, noted
        // Every Entity List row but one (Chengdu GaStone, blank in the publisher's file) states its licence requirement.
        Assert.Equal(2000, entities.Count(e => e.SourceId.StartsWith("EL:", StringComparison.Ordinal) && e.Attributes.ContainsKey("licenseRequirement")));
        Assert.Contains(entities, e => e.SourceId.StartsWith("EL:", StringComparison.Ordinal) && e.Attributes.GetValueOrDefault("licensePolicy") == "Policy of denial.");
    }

    private static string USCsl(string source) => Chokepoint.Sources.UsCsl.UsCslReader.ListCode(source);

    [Fact]
    public void Un_reads_the_indented_and_the_single_line_form_alike()
    {
        var (indented, report) = ReadAll(TestData.Un);
        Assert.Equal(new DateOnly(2026, 2, 27), report.Published);
        using var scratch = new Scratch();
        var xml = File.ReadAllText(TestData.File(TestData.Un));
        var oneLine = System.Text.RegularExpressions.Regex.Replace(xml, @">\s+<", "><");
        Assert.DoesNotContain("\n  <", oneLine);
        var path = scratch.Write("un-one-line.xml", oneLine);
        var reader = ListReaders.Detect(path);
        var single = reader.Read(reader.Resolve(path), new ReadReport(), CancellationToken.None).ToList();
        Assert.Equal(indented.Select(e => ListingJson.Digest(ListingJson.Serialize(e))), single.Select(e => ListingJson.Digest(ListingJson.Serialize(e))));
        var badege = indented.Single(e => e.SourceId == "6907993");
        Assert.Equal("ERIC BADEGE", badege.PrimaryName);
        Assert.Equal(new DateOnly(1971, 1, 1), Assert.Single(badege.BirthDates).From);
        Assert.Contains(indented, e => e.BirthDates.Any(d => d.Circa));
        Assert.Contains(indented, e => e.Names.Any(n => n.Type == NameType.OriginalScript));
    }

    [Fact]
    public void Ofsi_groups_rows_into_one_entity_per_group_id()
    {
        var (xlsx, report) = ReadAll(TestData.OfsiXlsx);
        Assert.Equal(new DateOnly(2025, 4, 14), report.Published);
        var haq = xlsx.Single(e => e.SourceId == "15672");
        Assert.Equal(EntityKind.Person, haq.Kind);
        Assert.Contains("Global Human Rights", haq.Programmes);
        Assert.True(haq.Names.Count >= 2);
        Assert.Contains(xlsx, e => e.Names.Any(n => n.Type == NameType.OriginalScript));
        var (csv, legacy) = ReadAll(TestData.OfsiCsv);
        Assert.Equal(new DateOnly(2018, 4, 13), legacy.Published);
        Assert.Contains(csv, e => e.Nationalities.SequenceEqual(["Saudi Arabia", "Qatar"]));
    }

    [Fact]
    public void Eu_fsf_reads_attributes_scripts_and_year_ranges()
    {
        var (entities, report) = ReadAll(TestData.EuFsf);
        Assert.Equal(new DateOnly(2026, 8, 5), report.Published);
        Assert.Equal(45, entities.Sum(e => e.Names.Count));
        var parchin = entities.Single(e => e.Attributes.GetValueOrDefault("euReferenceNumber") == "EU.3953.70");
        Assert.Equal(EntityKind.Organization, parchin.Kind);
        Assert.Contains(entities, e => e.Names.Any(n => n.Type == NameType.OriginalScript));
        var range = entities.SelectMany(e => e.BirthDates).First(d => d.From?.Year == 1953);
        Assert.Equal(1958, range.To!.Value.Year);
        Assert.True(range.Circa);
    }

    [Fact]
    public void Ftm_joins_sanctions_to_their_parties()
    {
        var (entities, _) = ReadAll(TestData.FtmZala);
        var cst = entities.Single(e => e.SourceId == "NK-abdzbEBkqyT29GyREbiURZ");
        Assert.Contains("US-RUSHAR", cst.Programmes);
        Assert.Contains("EU-UKR", cst.Programmes);
        Assert.Equal("true", cst.Attributes["target"]);
        Assert.Contains(entities, e => e.Names.Any(n => n is { Type: NameType.OriginalScript, Value: "Мария Александровна Осетрова" }));
    }

    [Fact]
    public void Targets_csv_and_sema_read_identifiers_and_aliases()
    {
        var (targets, _) = ReadAll(TestData.Targets);
        var rosalin = targets.Single(e => e.SourceId == "NK-24cf2zYe7LEKhr2zFck73j");
        Assert.Equal(EntityKind.Vessel, rosalin.Kind);
        Assert.Contains(rosalin.Identifiers, i => i is { Type: "IMO", Value: "IMO9253325" });
        Assert.Equal(["Ceram Sea", "Gold Sun", "Nurkez"], rosalin.Names.Skip(1).Select(n => n.Value));
        var (sema, _) = ReadAll(TestData.Sema);
        var bagan = sema.Single(e => e.PrimaryName == "Air Bagan");
        Assert.Equal(["Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"], bagan.Names.Skip(1).Select(n => n.Value));
    }

    /// <summary>SOURCES.md: 153 rows on MOFCOM's control list (管控名单) and 40 on its watch list (关注名单), kept apart
    /// because the rules treat them differently (transactions prohibited / single licence only).</summary>
    [Fact]
    public void China_party_lists_keep_the_control_list_and_the_watch_list_apart()
    {
        var (entities, _) = ReadAll(TestData.Mofcom);
        Assert.Equal(153, entities.Count(e => e.SourceList == "List of Export Controls"));
        Assert.Equal(40, entities.Count(e => e.SourceList == "Export Control Watch List"));
        Assert.Equal(entities.Count, entities.Select(e => e.SourceId).Distinct().Count());
        Assert.Contains(entities, e => e.Names.Any(n => n.Type == NameType.OriginalScript && n.Value == "三菱造船株式会社"));
    }
}
