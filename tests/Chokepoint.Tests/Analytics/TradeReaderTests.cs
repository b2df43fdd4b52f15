using Chokepoint.Tests.Support;
using System.Text;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Reading;
using Chokepoint.Core.Reading;

namespace Chokepoint.Tests.Analytics;

/// <summary>The three statistics readers on the real files, and on what a download or a person can do to them. The
/// expected figures were added up from the raw files with a separate script (Python csv), not with this code.</summary>
public sealed class TradeReaderTests
{
    private const string Eurostat = "trade_flows/eurostat_comext_eu_exports_monthly/";
    private const string Phones = "trade_flows/comtrade_armenia/mobile_phone_reexports_851713.csv";
    private const string Cars = "trade_flows/comtrade_armenia/vehicle_trade_armenia_8703.csv";
    private const string Imf = "trade_flows/imf_imts_russia_by_partner/RU_trade.csv";

    private static double Sum(TradeFile f, string reporter, string partner, TradeFlow flow, string product, int year) =>
        f.Observations.Where(o => o.Reporter.Code == reporter && o.Partner.Code == partner && o.Flow == flow && o.Product.Code == product && o.Period.Year == year).Sum(o => o.Value);

    [Fact]
    public void Eurostat_keeps_the_EU_27_apart_from_its_members_and_reads_both_label_styles()
    {
        var kg = TradeFiles.Read(TestData.File(Eurostat + "kyrgyz_export_eurostat.csv"));
        Assert.Equal("eurostat-comext", kg.Format);
        Assert.Equal("EUR", kg.Currency);
        Assert.Equal(263_239_032, Sum(kg, "EU27_2020", "KG", TradeFlow.Export, "TOTAL", 2021));
        Assert.Equal(2_733_762_750, Sum(kg, "EU27_2020", "KG", TradeFlow.Export, "TOTAL", 2023));
        Assert.Contains(kg.Observations, o => o.Reporter.Code == "DE" && o.Reporter.Kind == AreaKind.Country);
        Assert.Contains(kg.Observations, o => o.Reporter.Code == "EA_CHANGING" && o.Reporter.Kind == AreaKind.Group);
        Assert.Equal(8, kg.Observations.Count(o => o.Reporter.Code == "EU27_2020" && o.Period.Year == 2024));
        // The Kazakhstan file writes coded labels: 2-EXPORT, TOTAL-Total, T-Total.
        var kz = TradeFiles.Read(TestData.File(Eurostat + "kazakhstan_export_eurostat.csv"));
        Assert.All(kz.Observations, o => Assert.Equal(("KZ", TradeFlow.Export, "TOTAL"), (o.Partner.Code, o.Flow, o.Product.Code)));
    }

    [Fact]
    public void A_month_downloaded_twice_with_the_same_figures_counts_once_and_is_reported()
    {
        var f = TradeFiles.Read(TestData.File(Eurostat + "kyrgyzstan_import_eurostat.csv"));
        Assert.Contains(f.Notes, n => n.Contains("repeated another with the same figure", StringComparison.Ordinal));
        Assert.Single(f.Observations, o => o.Reporter.Code == "EU27_2020" && o.Period == TradePeriod.OfMonth(2024, 2));
    }

    [Fact]
    public void Imf_reads_annual_millions_as_dollars_with_its_groups_under_their_own_codes()
    {
        var f = TradeFiles.Read(TestData.File(Imf));
        Assert.Equal("USD", f.Currency);
        var cn = f.Observations.Single(o => o.Partner.Code == "CN" && o.Flow == TradeFlow.Import && o.Period == TradePeriod.OfYear(2023));
        Assert.Equal(119_833.5792666533e6, cn.Value, 1e-3);
        Assert.Contains(f.Observations, o => o.Partner.Code == "WORLD");
        Assert.Contains(f.Observations, o => o.Partner.Code == "IMF:G998" && o.Partner.Kind == AreaKind.Other);
        Assert.DoesNotContain(f.Observations, o => o.Partner.Code == "IMF:YUG"); // every cell blank: no figure, not zero
    }

    [Fact]
    public void Comtrade_adds_up_the_modes_keeps_each_level_apart_and_reads_the_Windows_1252_lines()
    {
        var cars = TradeFiles.Read(TestData.File(Cars));
        Assert.Equal(236_844_254.09, Sum(cars, "AM", "RU", TradeFlow.Export, "8703", 2022), 1e-3);
        var leaves = cars.Observations.Where(o => o.Partner.Code == "RU" && o.Flow == TradeFlow.Export && o.Product.Level == 6 && o.Period.Year == 2022).Sum(o => o.Value);
        Assert.Equal(236_844_254.09, leaves, 1e-3); // the same trade at the other level, stored apart
        Assert.Contains(cars.Notes, n => n.Contains("Windows-1252", StringComparison.Ordinal));
        var phones = TradeFiles.Read(TestData.File(Phones));
        Assert.Equal(462_201_862.98, Sum(phones, "AM", "RU", TradeFlow.Export, "851713", 2023), 1e-3);
        Assert.Equal(1_365_577, phones.Observations.Where(o => o.Partner.Code == "RU" && o.Flow == TradeFlow.Export && o.Period.Year == 2023).Sum(o => o.Quantity!.Value));
        Assert.All(phones.Observations, o => Assert.Equal("u", o.Unit));
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "garbage.csv", "\u0001\u0002 not a csv at all {}[]", "not a trade statistics format" },
        { "empty.csv", "", "empty" },
        { "eurostat-reporter.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nAtlantis,Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,5\n", "line 2" },
        { "eurostat-value.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,-5\n", "not a non-negative number" },
        { "eurostat-period.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Kyrgyzstan,Total,EXPORT,Total,Agosto 2024,5\n", "PERIOD 'Agosto 2024'" },
        { "eurostat-procedure.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Kyrgyzstan,Total,EXPORT,Inward processing,Aug. 2024,5\n", "a part of the total" },
        { "eurostat-conflict.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,5\nGermany,Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,6\n", "on line 2" },
        { "eurostat-short.csv", "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Kyrgyzstan,Total,EXPORT\n", "truncated" },
        { "imf-indicator.csv", "SERIES_CODE,COUNTRY.ID,INDICATOR.ID,COUNTERPART_COUNTRY.ID,COUNTERPART_COUNTRY,FREQUENCY.ID,SCALE.ID,2023\nx,RUS,TMG_CIF_USD,CHN,China,A,6,1\n", "INDICATOR.ID" },
        { "imf-scale.csv", "SERIES_CODE,COUNTRY.ID,INDICATOR.ID,COUNTERPART_COUNTRY.ID,COUNTERPART_COUNTRY,FREQUENCY.ID,SCALE.ID,2023\nx,RUS,MG_CIF_USD,CHN,China,A,7,1\n", "SCALE.ID" },
        { "imf-years.csv", "SERIES_CODE,COUNTRY.ID,INDICATOR.ID,COUNTERPART_COUNTRY.ID,COUNTERPART_COUNTRY,FREQUENCY.ID,SCALE.ID\nx,RUS,MG_CIF_USD,CHN,China,A,6\n", "no year columns" },
        { "imf-monthly.csv", "SERIES_CODE,COUNTRY.ID,INDICATOR.ID,COUNTERPART_COUNTRY.ID,COUNTERPART_COUNTRY,FREQUENCY.ID,SCALE.ID,2023\nx,RUS,MG_CIF_USD,CHN,China,M,6,1\n", "only annual" },
        { "comtrade-level.csv", Comtrade("202301,4,TRUE,X,51,643,RUS,870323,0,u,1,100"), "aggregate_level says 4" },
        { "comtrade-flow.csv", Comtrade("202301,6,TRUE,Q,51,643,RUS,870323,0,u,1,100"), "trade_code 'Q'" },
        { "comtrade-period.csv", Comtrade("2023-01,6,TRUE,X,51,643,RUS,870323,0,u,1,100"), "period_desc" },
        { "comtrade-reporter.csv", Comtrade("202301,6,TRUE,X,999,643,RUS,870323,0,u,1,100"), "reporter_code '999'" },
        { "comtrade-value.csv", Comtrade("202301,6,TRUE,X,51,643,RUS,870323,0,u,1,lots"), "trade_value_us 'lots'" },
        { "comtrade-total-twice.csv", Comtrade("202301,6,TRUE,X,51,643,RUS,870323,0,u,1,100\n202301,6,TRUE,X,51,643,RUS,870323,0,u,1,200"), "second all-modes figure" },
    };

    private static string Comtrade(string rows) =>
        "period_desc,aggregate_level,is_leaf_code,trade_code,reporter_code,partner_code,partner_iso,commodity_code,mot_code,QtyUnitAbbr,Qty,trade_value_us\n" + rows + "\n";

    [Theory]
    [MemberData(nameof(Broken))]
    public void Bad_input_is_refused_with_the_file_and_the_place(string name, string text, string expected)
    {
        using var scratch = new Scratch();
        var path = scratch.Write(name, text);
        var e = Assert.Throws<ListFormatException>(() => TradeFiles.Read(path));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_a_cut_off_download_and_a_missing_file_are_refused()
    {
        using var scratch = new Scratch();
        var utf16 = scratch.Write("utf16.csv", Encoding.Unicode.GetBytes(File.ReadAllText(TestData.File(Eurostat + "armenia_export_eurostat.csv"))));
        Assert.Contains("NUL bytes", Assert.Throws<ListFormatException>(() => TradeFiles.Read(utf16)).Message, StringComparison.Ordinal);
        var cut = scratch.Truncated("cut.csv", TestData.File(Eurostat + "armenia_export_eurostat.csv"), 0.5);
        Assert.Throws<ListFormatException>(() => TradeFiles.Read(cut));
        Assert.Contains("no such file", Assert.Throws<ListFormatException>(() => TradeFiles.Read(scratch.Path("absent.csv"))).Message, StringComparison.Ordinal);
    }
}
