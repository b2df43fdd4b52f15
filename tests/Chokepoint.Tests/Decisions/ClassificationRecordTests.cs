using System.Text.Json.Nodes;
using Chokepoint.Application.Goods;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

public sealed class ClassificationRecordTests
{
    private static readonly DateOnly Day = new(2025, 3, 15);

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_confirmed_classification_is_reused_by_shipments_and_flagged_when_its_entry_changes(string kind)
    {
        using var scratch = new Scratch();
        await using var db = RecordDatabase.Open(await Stores.ConnectionAsync(kind, scratch));
        var records = new ClassificationRecords(db);
        await records.EnsureSchemaAsync(CancellationToken.None);
        var annex = DecisionFixture.Goods.AnnexI;
        var record = await records.ConfirmAsync(annex, "5-axis machining centre HX-500", "845710", "2B001.b.2.a", "repeatability 0.8 µm per test report", "A. Officer", Day, CancellationToken.None);
        Assert.StartsWith("2B001.b.2.a ", record.Citation, StringComparison.Ordinal);
        Assert.Equal(annex.Version, record.ListVersion);
        Assert.Empty(await records.ChangedAsync(annex, CancellationToken.None));

        // The shipment names the record instead of a code, and is decided as a 2B001 item.
        var s11 = DecisionFixture.Example("S11-rerouted");
        var bare = s11 with { Items = [s11.Items[0] with { ControlCodes = new Dictionary<string, string>(), ClassificationId = record.Id }] };
        var decided = DecisionFixture.Engine().Decide(await records.ApplyAsync(bare, CancellationToken.None));
        Assert.Equal(Decision.LicenceRequired, decided.Decision);

        // A new list version whose 2B001 is worded differently yields the record.
        var json = JsonNode.Parse(File.ReadAllText(TestData.File(GoodsReference.AnnexPath)))!;
        var entry = json["entries"]!.AsArray().First(e => e!["entry_code"]!.GetValue<string>() == "2B001")!;
        entry["verbatim_text"] = entry["verbatim_text"]!.GetValue<string>().Replace("0,9 μm", "0,7 μm", StringComparison.Ordinal);
        json["corpus_version"] = "02021R0821-20261201";
        var newer = AnnexI.Load(scratch.Write("annex-new.json", json.ToJsonString()));
        var changed = Assert.Single(await records.ChangedAsync(newer, CancellationToken.None));
        Assert.Equal(record.Id, changed.Record.Id);
        Assert.Contains("worded differently", changed.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_a_code_that_is_not_in_Annex_I_is_refused()
    {
        using var scratch = new Scratch();
        await using var db = RecordDatabase.Open(scratch.Path("r.db"));
        var records = new ClassificationRecords(db);
        await records.EnsureSchemaAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => records.ConfirmAsync(DecisionFixture.Goods.AnnexI, "x", null, "2B001.z.9", "r", "a", Day, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => records.ConfirmAsync(DecisionFixture.Goods.AnnexI, "x", null, "2B001", "", "a", Day, CancellationToken.None));
        await Assert.ThrowsAsync<Chokepoint.Rules.Shipments.ShipmentException>(() => records.ApplyAsync(DecisionFixture.Example("S15") with
        {
            Items = [DecisionFixture.Example("S15").Items[0] with { ControlCodes = new Dictionary<string, string>(), ClassificationId = 999 }],
        }, CancellationToken.None));
    }
}
