using Chokepoint.Core.Reading;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.RuleData;
using Chokepoint.Sources.Reading;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

public sealed class ClassifierTests
{
    private static readonly DateOnly Day = new(2025, 3, 15);
    private static Classifier Classifier() => new(DecisionFixture.Goods, RuleBook.Default);

    [Fact]
    public void Every_CHPL_code_of_the_published_list_gets_its_tier()
    {
        var rows = File.ReadAllLines(TestData.File("control_lists/chpl/chpl_hs6.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(50, rows.Count);
        foreach (var r in rows)
        {
            var c = Classifier().Classify(new ClassificationRequest(HsCode: r[0]), Day);
            Assert.True(r[1] == c.ChplTier, $"{r[0]}: expected tier {r[1]}, got {c.ChplTier ?? "none"}");
            Assert.NotEmpty(c.Nomenclature);
        }
    }

    [Theory]
    [InlineData("5-axis machining centre", "2B001")]
    [InlineData("radiation-hardened integrated circuits", "3A001")]
    [InlineData("unmanned aerial vehicle", "9A012")]
    public void Descriptions_rank_the_right_Annex_I_entry_first(string text, string code)
    {
        var c = Classifier().Classify(new ClassificationRequest(Text: text), Day);
        Assert.True(code == c.Candidates[0].Code, $"ranked: {string.Join(", ", c.Candidates.Select(x => $"{x.Code} {x.Score} [{x.Quote.Path}]"))}");
        Assert.Equal(ClassificationOutcome.Review, c.Outcome);
        // The quote is a provision of the entry, word for word as Annex I has it.
        var entry = DecisionFixture.Goods.AnnexI.Find(code)!;
        Assert.Contains(entry.Provisions, p => p == c.Candidates[0].Quote);
    }

    [Fact]
    public void Machining_centre_quotes_the_five_axis_provision_and_asks_its_positioning_thresholds()
    {
        var c = Classifier().Classify(new ClassificationRequest(Text: "5-axis machining centre"), Day);
        var top = c.Candidates[0];
        Assert.StartsWith("2B001.b", top.Quote.Path, StringComparison.Ordinal);
        Assert.Contains(top.Questions, q => q.Provision.Contains("positioning repeatability", StringComparison.Ordinal));
    }

    [Fact]
    public void An_HS_code_alone_never_claims_a_listing()
    {
        var c = Classifier().Classify(new ClassificationRequest(HsCode: "8457.10"), Day);
        Assert.Equal(ClassificationOutcome.Review, c.Outcome);
        Assert.Null(c.Code);
        Assert.Equal("4.B", c.ChplTier);
        Assert.Contains(c.RussiaControls, r => r.Rule == "EU-RU-ANNEX-XL");
        Assert.Contains("HS code alone", c.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yes_answer_lists_the_item_under_the_dotted_code_and_all_no_rules_it_out()
    {
        var first = Classifier().Classify(new ClassificationRequest(Text: "5-axis machining centre"), Day);
        var question = first.Candidates[0].Questions[0].Path;
        var listed = Classifier().Classify(new ClassificationRequest(Text: "5-axis machining centre", Answers: new Dictionary<string, bool> { [question] = true }), Day);
        Assert.Equal(ClassificationOutcome.Listed, listed.Outcome);
        Assert.Equal(question, listed.Code);

        var no = first.Candidates.SelectMany(c => c.Questions).ToDictionary(q => q.Path, _ => false);
        var notListed = Classifier().Classify(new ClassificationRequest(Text: "5-axis machining centre", Answers: no), Day);
        Assert.Equal(ClassificationOutcome.NotListed, notListed.Outcome);
        Assert.Contains(notListed.RuledOut, r => r.StartsWith("2B001: answered no to", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Chinese_tariff_code_finds_its_catalogue_entries_as_unverified_hints()
    {
        var c = Classifier().Classify(new ClassificationRequest(HsCode: "8407101010"), Day);
        Assert.Contains(c.CnCatalogue, e => e.ControlCode == "9A012.b.1");
        Assert.Equal(ClassificationOutcome.Review, c.Outcome);
    }

    [Theory]
    [InlineData("84x7", null)]
    [InlineData(null, "")]
    [InlineData("12345678901", null)]
    public void Bad_requests_get_a_clear_error(string? hs, string? text)
    {
        var e = Assert.Throws<ArgumentException>(() => Classifier().Classify(new ClassificationRequest(hs, text), Day));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void An_oversize_description_is_refused() =>
        Assert.Throws<ArgumentException>(() => Classifier().Classify(new ClassificationRequest(Text: new string('x', 5000)), Day));

    [Fact]
    public void Damaged_goods_files_are_refused_with_the_file_named()
    {
        using var scratch = new Scratch();
        var truncated = scratch.Truncated("annex.json", TestData.File(GoodsReference.AnnexPath), 0.5);
        Assert.Throws<ListFormatException>(() => AnnexI.Load(truncated));
        var html = scratch.Write("index.json", "<html><body>Error</body></html>");
        Assert.Throws<ListFormatException>(() => CnCatalogue.Load(html));
        var empty = scratch.Write("empty.json", "[]");
        Assert.Throws<ListFormatException>(() => CnCatalogue.Load(empty));
    }

    [Theory]
    [InlineData("hs_nomenclature/hs2022/harmonized-system.csv", "truncated")]
    [InlineData("hs_nomenclature/hs2022/harmonized-system.csv", "html")]
    [InlineData("hs_nomenclature/hs2017/harmonized-system.csv", "latin1")]
    [InlineData("hs_nomenclature/cn2025/cnCodes_2025.json", "truncated")]
    [InlineData("hs_nomenclature/cn2025/cnCodes_2025.json", "html")]
    public void A_damaged_nomenclature_file_is_refused_with_its_name(string damaged, string how)
    {
        using var scratch = new Scratch();
        foreach (var file in new[] { "hs_nomenclature/hs2022/harmonized-system.csv", "hs_nomenclature/hs2017/harmonized-system.csv", "hs_nomenclature/cn2025/cnCodes_2025.json" })
        {
            var bytes = File.ReadAllBytes(TestData.File(file));
            if (file == damaged)
                bytes = how switch
                {
                    "truncated" => bytes[..(bytes.Length / 2 + 7)],
                    "html" => System.Text.Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>"),
                    _ => System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.UTF8.GetString(bytes) + "\nXXI,999998,Caf\u00e9 \u00e0 la cr\u00e8me,9999,6\n"),
                };
            scratch.Write(file, bytes);
        }
        var e = Assert.Throws<ListFormatException>(() => HsNomenclature.Load(scratch.Dir));
        Assert.Contains(Path.GetFileName(damaged), e.Message);
    }
}
