using System.Text.Json;
using Chokepoint.Core.Values;

namespace Chokepoint.Tests.Core;

/// <summary>The domain value types read what people write and refuse the rest with a message naming what is expected.</summary>
public sealed class ValueTypeTests
{
    public static readonly TheoryData<string> Garbage = new()
    {
        "", "   ", "\0", "\u202Eun-sc", new string('a', 10_000), "🙂", "\uFFFD\uFFFD",
    };

    [Theory]
    [InlineData("us-ofac-sdn", "us-ofac-sdn")]
    [InlineData("UN-SC", "un-sc")]
    [InlineData(" gb-ofsi ", "gb-ofsi")]
    [InlineData("custom-acme-2", "custom-acme-2")]
    [InlineData("opensanctions-zala_cluster", "opensanctions-zala_cluster")]
    public void Dataset_ids_read_case_insensitively(string text, string expected) => Assert.Equal(expected, DatasetId.Parse(text).Value);

    [Theory]
    [InlineData("un sc")]
    [InlineData("un-_sc")]
    [InlineData("_un")]
    [InlineData("-un")]
    [InlineData("un-")]
    [InlineData("un--sc")]
    [InlineData("ün-sc")]
    [InlineData("un/sc")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Bad_dataset_ids_are_errors_that_say_what_is_expected(string? text)
    {
        var e = Assert.Throws<InvalidValueException>(() => DatasetId.Parse(text));
        Assert.Contains("us-ofac-sdn", e.Message);
        Assert.True(e.Message.Length < 300, "the message clips long input");
    }

    [Theory]
    [InlineData("KZ", "Kazakhstan")]
    [InlineData("ae", "United Arab Emirates")]
    [InlineData("XK", "Kosovo")]
    [InlineData("RU", "Russian Federation")]
    public void Country_codes_are_known_iso_codes(string text, string name)
    {
        var c = CountryCode.Parse(text);
        Assert.Equal(text.ToUpperInvariant(), c.Value);
        Assert.Equal(name, c.Name);
    }

    [Theory]
    [InlineData("QQ")]
    [InlineData("ZZ")]
    [InlineData("UK")] // the United Kingdom is GB
    [InlineData("KAZ")]
    [InlineData("Kazakhstan")]
    [InlineData("K")]
    [InlineData("K1")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Unknown_countries_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => CountryCode.Parse(text));

    [Fact]
    public void The_country_table_is_complete() => Assert.True(CountryCode.Known.Count >= 249, $"{CountryCode.Known.Count} codes");

    [Theory]
    [InlineData("8457.10", "845710", "845710")]
    [InlineData("8457 10 10", "84571010", "845710")]
    [InlineData("8407101010", "8407101010", "840710")]
    [InlineData("84", "84", null)]
    [InlineData("8471", "8471", null)]
    public void Hs_codes_read_as_people_write_them(string text, string digits, string? subheading)
    {
        var hs = HsCode.Parse(text);
        Assert.Equal(digits, hs.Digits);
        Assert.Equal(subheading, hs.Subheading);
        Assert.Equal(digits[..2], hs.Chapter);
    }

    [Theory]
    [InlineData("845")]
    [InlineData("84571")]
    [InlineData("84571010101")]
    [InlineData("8457-10")]
    [InlineData("HS8457")]
    [InlineData("８４５７１０")] // full-width digits are not ASCII digits
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Bad_hs_codes_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => HsCode.Parse(text));

    [Fact]
    public void An_hs_code_lies_under_its_heading_not_under_a_neighbour()
    {
        Assert.True(HsCode.Parse("8471.30").IsUnder(HsCode.Parse("8471")));
        Assert.False(HsCode.Parse("8472.30").IsUnder(HsCode.Parse("8471")));
    }

    [Theory]
    [InlineData("3A001.a.1", "3A001.a.1", ControlCodeShape.Wassenaar)]
    [InlineData("3a001.a.1", "3A001.a.1", ControlCodeShape.Wassenaar)]
    [InlineData("9A610", "9A610", ControlCodeShape.Wassenaar)]
    [InlineData("X.A.I.001.a", "X.A.I.001.a", ControlCodeShape.AnnexVii)]
    [InlineData("ear99", "EAR99", ControlCodeShape.Ear99)]
    [InlineData("0Y521", "0Y521", ControlCodeShape.Other)]
    public void Control_codes_know_their_shape(string text, string value, ControlCodeShape shape)
    {
        var c = ControlCode.Parse(text);
        Assert.Equal(value, c.Value);
        Assert.Equal(shape, c.Shape);
    }

    [Theory]
    [InlineData("3A001 a")]
    [InlineData("3A001;DROP")]
    [InlineData("3A001.a.1.b.2.c.3.d.4.e.5.f.6.g.7.h.8.i.9.j")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Bad_control_codes_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => ControlCode.Parse(text));

    [Theory]
    [InlineData("CN")]
    [InlineData("eu")]
    [InlineData(" US ")]
    public void Jurisdictions_are_the_three_regimes(string text) => Assert.Contains(Jurisdiction.Parse(text), Jurisdiction.All);

    [Theory]
    [InlineData("UK")]
    [InlineData("China")]
    [InlineData("E U")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Other_jurisdictions_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => Jurisdiction.Parse(text));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.85", 0.85)]
    [InlineData("1", 1)]
    public void Scores_are_from_zero_to_one(string text, double value) => Assert.Equal(value, Score.Parse(text).Value);

    [Theory]
    [InlineData("85")]
    [InlineData("-0.1")]
    [InlineData("1.01")]
    [InlineData("NaN")]
    [InlineData("0,85")]
    [InlineData("1e-3")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Scores_outside_zero_to_one_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => Score.Parse(text));

    [Fact]
    public void A_score_cannot_be_made_from_nan_or_an_out_of_range_number()
    {
        Assert.Throws<InvalidValueException>(() => new Score(double.NaN));
        Assert.Throws<InvalidValueException>(() => new Score(85));
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("9000000000", 9_000_000_000)]
    public void Snapshot_ids_are_positive_numbers(string text, long value) => Assert.Equal(value, SnapshotId.Parse(text).Value);

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("+3")]
    [InlineData("3.0")]
    [InlineData("99999999999999999999")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Bad_snapshot_ids_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => SnapshotId.Parse(text));

    [Theory]
    [InlineData("us-ofac-sdn:12345", "us-ofac-sdn", "12345")]
    [InlineData("UN-SC:QDi.001", "un-sc", "QDi.001")]
    [InlineData("opensanctions-default:NK-a:b", "opensanctions-default", "NK-a:b")]
    public void Entity_references_split_at_the_first_colon(string text, string dataset, string id)
    {
        var r = EntityRef.Parse(text);
        Assert.Equal(dataset, r.Dataset.Value);
        Assert.Equal(id, r.SourceId);
        Assert.Equal($"{dataset}:{id}", r.ToString());
    }

    [Theory]
    [InlineData("us-ofac-sdn")]
    [InlineData("us-ofac-sdn:")]
    [InlineData(":12345")]
    [InlineData("us ofac:12345")]
    [InlineData("us-ofac-sdn: 12345")]
    [InlineData("us-ofac-sdn:12\n345")]
    [InlineData(null)]
    [MemberData(nameof(Garbage))]
    public void Bad_entity_references_are_errors(string? text) => Assert.Throws<InvalidValueException>(() => EntityRef.Parse(text));

    [Fact]
    public void Date_ranges_are_half_open_and_licences_name_their_last_day()
    {
        var rule = new DateRange(new DateOnly(2024, 12, 1), new DateOnly(2025, 1, 1));
        Assert.True(rule.Contains(new DateOnly(2024, 12, 31)));
        Assert.False(rule.Contains(new DateOnly(2025, 1, 1)));
        Assert.False(rule.Contains(new DateOnly(2024, 11, 30)));
        var licence = DateRange.Through(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.True(licence.Contains(new DateOnly(2026, 12, 31)));
        Assert.False(licence.Contains(new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2026, 12, 31), licence.LastDay);
        Assert.True(DateRange.Through(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)).Contains(new DateOnly(2026, 1, 1)));
        Assert.Throws<InvalidValueException>(() => new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.Throws<InvalidValueException>(() => DateRange.Through(new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Values_travel_in_json_as_their_text_and_bad_text_is_a_json_error()
    {
        Assert.Equal("\"us-ofac-sdn\"", JsonSerializer.Serialize(DatasetId.Parse("US-OFAC-SDN")));
        Assert.Equal("12", JsonSerializer.Serialize(new SnapshotId(12)));
        Assert.Equal(CountryCode.Parse("KZ"), JsonSerializer.Deserialize<CountryCode>("\"kz\""));
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CountryCode>("\"QQ\""));
        Assert.Contains("ISO 3166-1", e.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SnapshotId>("0"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DatasetId>("12"));
    }
}
