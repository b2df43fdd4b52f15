using Chokepoint.Tests.Support;
using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Store;
using Chokepoint.Storage.Records;

namespace Chokepoint.Tests.Analytics;

/// <summary>Every file in ../shared/data/trade_flows in the store, on SQLite and PostgreSQL, and the measures pinned to
/// figures added up from the raw files by a separate script.</summary>
public sealed class TradeStoreTests
{
    private static readonly string Folder = TestData.File("trade_flows");

    internal static async Task<TradeStore> LoadedAsync(string kind, Scratch scratch)
    {
        var db = RecordDatabase.Open(await Stores.ConnectionAsync(kind, scratch));
        var store = new TradeStore(db, TimeProvider.System);
        await store.EnsureSchemaAsync(CancellationToken.None);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            await store.ImportAsync(file, "test", CancellationToken.None);
        return store;
    }

    private static SeriesKey Key(string reporter, string partner, TradeFlow flow, string product = "TOTAL") =>
        new(TradeAreas.Parse(reporter), TradeAreas.Parse(partner), flow, ProductCode.Parse(product));

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Growth_shares_and_re_export_ratio_match_the_raw_files(string kind)
    {
        using var scratch = new Scratch();
        var store = await LoadedAsync(kind, scratch);
        var ct = CancellationToken.None;

        var kg = Growth.Of(await store.SeriesAsync(Key("EU27_2020", "KG", TradeFlow.Export), ct), Baseline.Default);
        var y2023 = kg.Rows.Single(r => r.Period.Year == 2023);
        Assert.Equal(2_733_762_750, y2023.Value);
        Assert.Equal(9.9150, y2023.Index!.Value, 4);
        // 2024 stops in August: compared with January–August of 2019–21, and said so.
        var y2024 = kg.Rows.Single(r => r.Period.Year == 2024);
        Assert.Equal(8, y2024.Months);
        Assert.Equal(10.9219, y2024.Index!.Value, 4);
        Assert.Contains("Jan–Aug only", y2024.Note, StringComparison.Ordinal);
        var ru = Growth.Of(await store.SeriesAsync(Key("EU27_2020", "RU", TradeFlow.Export), ct), Baseline.Default);
        Assert.Equal(0.4476, ru.Rows.Single(r => r.Period.Year == 2023).Index!.Value, 4);

        var shares = Shares.Of(await store.SeriesAsync(TradeAreas.Parse("RU"), TradeFlow.Import, ProductCode.Total, null, ct), [TradeAreas.Parse("CN")]);
        Assert.Equal(0.24752, shares.Rows.Single(r => r.Year == 2021).Share, 5);
        Assert.Equal(0.45217, shares.Rows.Single(r => r.Year == 2023).Share, 5);

        var am = TradeAreas.Parse("AM");
        var phone = ProductCode.Parse("851713");
        var ratio = ReExport.Of([await store.SeriesAsync(new SeriesKey(am, TradeAreas.Parse("CN"), TradeFlow.Import, phone), ct)],
            await store.SeriesAsync(new SeriesKey(am, TradeAreas.Parse("RU"), TradeFlow.Export, phone), ct));
        var r2023 = ratio.Rows.Single(r => r.Period.Year == 2023);
        Assert.Equal(4.07511, r2023.Ratio!.Value, 5);
        Assert.Equal(1_365_577d / 264_313d, r2023.QuantityRatio!.Value, 6);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Importing_is_idempotent_versioned_and_refuses_a_shrink(string kind)
    {
        using var scratch = new Scratch();
        var db = RecordDatabase.Open(await Stores.ConnectionAsync(kind, scratch));
        var store = new TradeStore(db, TimeProvider.System);
        await store.EnsureSchemaAsync(CancellationToken.None);
        var ct = CancellationToken.None;
        var real = TestData.File("trade_flows/eurostat_comext_eu_exports_monthly/armenia_export_eurostat.csv");
        var path = scratch.Path("am.csv");
        File.Copy(real, path);
        var first = await store.ImportAsync(path, "test", ct);
        Assert.False(first.Unchanged);
        Assert.True((await store.ImportAsync(path, "test", ct)).Unchanged);

        // Half the rows: refused, and version 1 keeps serving with all its figures.
        var lines = File.ReadAllLines(real);
        File.WriteAllLines(path, lines[..(lines.Length / 3)]);
        var refused = await Assert.ThrowsAsync<TradeImportRefusedException>(() => store.ImportAsync(path, "test", ct));
        Assert.Contains("keeps serving", refused.Message, StringComparison.Ordinal);
        var serving = Assert.Single(await store.DatasetsAsync(activeOnly: true, ct));
        Assert.Equal((1, first.Dataset.Observations), (serving.Version, serving.Observations));

        // A garbage file fails before anything is written.
        File.WriteAllText(path, "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\nGermany,Armenia,Total,EXPORT,Total,Aug. 2024,x\n");
        await Assert.ThrowsAsync<Chokepoint.Core.Reading.ListFormatException>(() => store.ImportAsync(path, "test", ct));

        // A real change is a new version; the old one stays as provenance.
        File.WriteAllLines(path, lines.Where((l, i) => i != 5));
        var second = await store.ImportAsync(path, "test", ct);
        Assert.Equal(2, second.Dataset.Version);
        var all = await store.DatasetsAsync(activeOnly: false, ct);
        Assert.Equal([2, 1], all.Select(d => d.Version));
        Assert.Equal(first.Dataset.Sha256, all[1].Sha256);
        Assert.False(all[1].Active);
        Assert.Equal(64, all[0].Sha256.Length);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Unknown_and_doubled_series_are_errors_never_empty_answers(string kind)
    {
        using var scratch = new Scratch();
        var store = await LoadedAsync(kind, scratch);
        var ct = CancellationToken.None;
        var none = await Assert.ThrowsAsync<TradeQueryException>(() => store.SeriesAsync(Key("AM", "RU", TradeFlow.Export, "8542"), ct));
        Assert.True(none.NotFound);
        Assert.Contains("8703", none.Message, StringComparison.Ordinal); // says what is stored instead
        Assert.Throws<TradeQueryException>(() => TradeAreas.Parse("Atlantis"));
        Assert.Throws<TradeQueryException>(() => ProductCode.Parse("870"));
        await Assert.ThrowsAsync<TradeQueryException>(() => store.SeriesAsync(Key("EU27_2020", "KG", TradeFlow.Export), ct, dataset: "no-such-dataset"));
        // No world total for the EU in the Eurostat files: a share has no denominator, and says so.
        var eu = await store.SeriesAsync(TradeAreas.Parse("EU27_2020"), TradeFlow.Export, ProductCode.Total, null, ct);
        Assert.Contains("no total", Assert.Throws<TradeQueryException>(() => Shares.Of(eu)).Message, StringComparison.OrdinalIgnoreCase);

        // The same file under a second name: the series is now in two datasets, and adding them is refused.
        await store.ImportAsync(TestData.File("trade_flows/eurostat_comext_eu_exports_monthly/kyrgyz_export_eurostat.csv"), "test", ct, name: "kyrgyz-copy");
        var doubled = await Assert.ThrowsAsync<TradeQueryException>(() => store.SeriesAsync(Key("EU27_2020", "KG", TradeFlow.Export), ct));
        Assert.Contains("twice", doubled.Message, StringComparison.Ordinal);
        Assert.Equal(2_733_762_750, (await store.SeriesAsync(Key("EU27_2020", "KG", TradeFlow.Export), ct, dataset: "kyrgyz-copy")).Annual().Single(p => p.Period.Year == 2023).Value);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Mirror_and_corridors_from_the_store(string kind)
    {
        using var scratch = new Scratch();
        var store = await LoadedAsync(kind, scratch);
        var ct = CancellationToken.None;
        // EU-27 exports to Russia (Eurostat, EUR) against Russia's imports from the EU (IMF, USD, converted).
        var mirror = Mirror.Of(await store.SeriesAsync(Key("EU27_2020", "RU", TradeFlow.Export), ct), await store.SeriesAsync(Key("RU", "IMF:G998", TradeFlow.Import), ct));
        var m2021 = mirror.Rows.Single(r => r.Year == 2021);
        Assert.Equal(89_169_305_014, m2021.Reported);
        Assert.Equal(93_811.688325e6 / 1.1827, m2021.Mirrored, 0);
        Assert.NotNull(mirror.Note);

        // Armenia's car exports: Russia is the corridor out of line (2022 against 2019–21, heading level).
        var report = Corridors.Rank(TradeAreas.Parse("AM"), TradeFlow.Export, 4,
            await store.YearsByPartnerAndProductAsync(TradeAreas.Parse("AM"), TradeFlow.Export, 4, ct), Baseline.Default, minimumBaseline: 100_000);
        Assert.Equal(2022, report.Year); // 2023 stops in October: not a whole year
        var top = report.Ranked[0];
        Assert.Equal(("RU", "8703"), (top.Destination.Code, top.Product.Code));
        Assert.Equal(236_844_254.09 / 1_438_243.4633333336, top.Index, 3);
        Assert.Contains(report.Notes, n => n.Contains("2023", StringComparison.Ordinal));
    }
}
