using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Shipments;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>
/// Reg 833/2014 Annex IV is a list the user loads (any supported format, imported with --dataset eu-833-annex-iv):
/// a party on it blocks Annex I and VII items outright and holds anything else for review.
/// </summary>
public sealed class AnnexIvTests
{
    private static DecisionEngine Engine()
    {
        var snapshot = new SnapshotInfo
        {
            Id = new(900), Dataset = DatasetId.Parse("eu-833-annex-iv"), Format = "os-targets-csv", Source = "fixture", Sha256 = "", ImportedAt = DateTimeOffset.UnixEpoch,
            EntityCount = 1, NameCount = 1, CountsByKind = new Dictionary<string, int>(), CountsByList = new Dictionary<string, int>(), Active = true,
        };
        var listed = new ListedEntity
        {
            SourceId = "IV-1", SourceList = "Annex IV", Kind = EntityKind.Organization,
            Names = [new EntityName("Sirius Defence Trading FZE", NameType.Primary)], Countries = ["AE"],
        };
        var screener = new Screener();
        screener.Load(ScreeningIndex.Build(RealIndex.Entities.Append((snapshot, listed)).ToList()));
        return new DecisionEngine(new PartyScreener(screener), goods: DecisionFixture.Goods);
    }

    private static Shipment To(Shipment s) =>
        s with { Parties = [new Party { Name = "Sirius Defence Trading FZE", Country = "AE", Roles = ["consignee", "endUser", "payer"] }] };

    [Fact]
    public void An_Annex_IV_party_blocks_an_Annex_I_item_and_holds_a_bearing()
    {
        var machine = Engine().Decide(To(DecisionFixture.Example("S15")));
        Assert.Equal(Decision.Prohibited, machine.Decision);
        Assert.Contains(machine.Jurisdictions.Single().Reasons, r => r.Rule == "EU-ANNEX-IV-PARTY");

        var bearings = Engine().Decide(To(DecisionFixture.Example("S13")));
        Assert.Equal(Decision.HoldForReview, bearings.Decision);
        Assert.Contains(bearings.Jurisdictions.Single().Reasons, r => r.Rule == "LIST-REVIEW");
    }
}
