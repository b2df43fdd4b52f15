using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Shipments;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Tests.Support;

/// <summary>
/// What the decision tests share: a screening index over every real list plus China's party lists (the real file) and a
/// control-list fixture naming the fictional party of scenario S06, the goods reference data, and the example shipments.
/// </summary>
public static class DecisionFixture
{
    public const string MofcomHeader = "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address";

    private static readonly Lazy<ScreeningIndex> Built = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("chokepoint-fixture-").FullName;
        var fixture = Path.Combine(dir, "mofcom-fixture.csv");
        File.WriteAllText(fixture, MofcomHeader + "\n" +
            "Company,,Apex Defense Systems Inc.,,,US,export.control,,,Ministry of Commerce,List of Export Controls,02.01.2025,,https://example.invalid/fixture,\n");
        var extra = LocalLists.Read([TestData.File(TestData.Mofcom), fixture]);
        return ScreeningIndex.Build(RealIndex.Entities.Concat(extra).ToList());
    });

    private static readonly Lazy<GoodsReference> GoodsData = new(() => GoodsReference.Load(TestData.Folder));

    public static GoodsReference Goods => GoodsData.Value;

    public static PartyScreener Screener()
    {
        var s = new Screener();
        s.Load(Built.Value);
        return new PartyScreener(s);
    }

    public static DecisionEngine Engine(ILicenceBook? licences = null) => new(Screener(), goods: Goods, licences: licences);

    public static string ExamplesFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "docs", "examples");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException("docs/examples not found above the test binaries.");
        }
    }

    public static Shipment Example(string id) => ShipmentJson.Parse(File.ReadAllText(Path.Combine(ExamplesFolder, "shipments", id + ".json")));

    public static LicenceView GermaniumLicence(decimal used) => new("GL-CN-001", "CN", "general", "Active", new DateOnly(2024, 12, 1), new DateOnly(2026, 6, 30),
        [new LicenceLineView(1, "3C002", "811292", 1000, used, "kg", null, 0, "USD", ["Rhein Optik GmbH"], ["DE"])]);
}
