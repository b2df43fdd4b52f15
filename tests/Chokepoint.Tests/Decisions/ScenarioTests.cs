using Chokepoint.Rules.Decisions;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>
/// Every case of ../shared/docs/scenarios.md, decided from the example shipment in docs/examples/shipments, the rule
/// data and the real lists. Each asserts the decision, the red flags and the obligations the case expects.
/// </summary>
public sealed class ScenarioTests
{
    private static ShipmentDecision Decide(string id, ILicenceBook? licences = null) => DecisionFixture.Engine(licences).Decide(DecisionFixture.Example(id));

    private static void Flags(ShipmentDecision d, params string[] expected)
    {
        var raised = d.RedFlags.Select(f => f.Id).ToList();
        foreach (var id in expected) Assert.True(raised.Contains(id), $"expected red flag {id}; raised: {string.Join(", ", raised)}");
    }

    private static void Obligations(ShipmentDecision d, params string[] expected)
    {
        var attached = d.Obligations.Select(o => o.Id).ToList();
        foreach (var id in expected) Assert.True(attached.Contains(id), $"expected obligation {id}; attached: {string.Join(", ", attached)}");
    }

    private static JurisdictionDecision In(ShipmentDecision d, string jurisdiction) => d.Jurisdictions.Single(j => j.Jurisdiction == jurisdiction);

    private static bool Fired(JurisdictionDecision j, string rule) => j.Reasons.Any(r => r.Rule == rule);

    [Fact]
    public void S01_listed_UAV_engine_to_Turkey_needs_a_licence()
    {
        var d = Decide("S01");
        Assert.Equal(Decision.LicenceRequired, d.Decision);
        var cn = In(d, "CN");
        Assert.True(Fired(cn, "CN-LISTED-ITEM"));
        Assert.Contains(cn.LegalBasis, b => b.Contains("Art", StringComparison.Ordinal) && b.Contains("14(1)", StringComparison.Ordinal));
        Assert.Contains(cn.LegalBasis, b => b.Contains("2023 No. 27", StringComparison.Ordinal));
        Assert.Contains(cn.Reasons, r => r.Message.Contains("end-user and end-use certificates", StringComparison.Ordinal) && r.Message.Contains("45 working days", StringComparison.Ordinal));
        Flags(d, "RF01");
        Obligations(d, "REPORT_ACTUAL_EXPORT_CN", "KEEP_RECORDS_5Y", "END_USER_CERTIFICATE_CN");
    }

    [Fact]
    public void S02_germanium_under_a_general_licence_is_clear_and_draws_down()
    {
        var d = Decide("S02", new LicenceList([DecisionFixture.GermaniumLicence(used: 400)]));
        Assert.Equal(Decision.Clear, d.Decision);
        Assert.Equal("GL-CN-001", In(d, "CN").Basis);
        var use = Assert.Single(d.Licences);
        Assert.True(use.Covers);
        Assert.Equal(200, use.Drawdown);
        Assert.Equal(400, use.RemainingAfter);
        Obligations(d, "REPORT_ACTUAL_EXPORT_CN");
        Assert.Empty(d.RedFlags);
    }

    [Fact]
    public void S03_shipment_larger_than_the_balance_needs_a_licence_and_draws_nothing()
    {
        var d = Decide("S03", new LicenceList([DecisionFixture.GermaniumLicence(used: 950)]));
        Assert.Equal(Decision.LicenceRequired, d.Decision);
        var cn = In(d, "CN");
        Assert.True(Fired(cn, "CN-OVER-BALANCE"));
        Assert.Contains(cn.Reasons, r => r.Message.Contains("by 50 kg", StringComparison.Ordinal) && r.Message.Contains("at most 50 kg", StringComparison.Ordinal));
        Assert.Contains(cn.LegalBasis, b => b.Contains("Art 39(2)", StringComparison.Ordinal));
        var use = Assert.Single(d.Licences);
        Assert.False(use.Covers);
        Assert.Null(use.Drawdown);
    }

    [Fact]
    public void S06_control_list_party_is_prohibited()
    {
        var d = Decide("S06");
        Assert.Equal(Decision.Prohibited, d.Decision);
        var cn = In(d, "CN");
        Assert.True(Fired(cn, "CN-CONTROL-LIST-PARTY"));
        Assert.True(Fired(cn, "CN-GA-GE-SB-TO-US"));
        Assert.Contains(cn.LegalBasis, b => b.Contains("Arts 28-30", StringComparison.Ordinal));
        Assert.Contains(cn.LegalBasis, b => b.Contains("2024 No. 46", StringComparison.Ordinal));
    }

    [Fact]
    public void S09_clean_consumer_goods_are_clear()
    {
        var d = Decide("S09");
        Assert.Equal(Decision.Clear, d.Decision);
        Assert.Equal("NLR", In(d, "CN").Basis);
        Assert.Empty(d.RedFlags);
    }

    [Fact]
    public void S11_machining_centre_through_Russia_is_prohibited()
    {
        var d = Decide("S11");
        Assert.Equal(Decision.Prohibited, d.Decision);
        Assert.True(Fired(In(d, "EU"), "RF02"));
        Flags(d, "RF02", "RF01", "RF03", "RF04", "RF07", "RF12");
    }

    [Fact]
    public void S11_rerouted_needs_a_licence_with_the_Russia_clause_and_due_diligence()
    {
        var d = Decide("S11-rerouted");
        Assert.Equal(Decision.LicenceRequired, d.Decision);
        Assert.True(Fired(In(d, "EU"), "EU-ANNEX-I-ITEM"));
        Flags(d, "RF01", "RF03", "RF04", "RF07", "RF12");
        Assert.DoesNotContain(d.RedFlags, f => f.Id == "RF02");
        Obligations(d, "NO_RUSSIA_CLAUSE", "ART12GB_DUE_DILIGENCE");
    }

    [Fact]
    public void S12_tier_1_microcontrollers_to_Russia_are_prohibited()
    {
        var d = Decide("S12");
        Assert.Equal(Decision.Prohibited, d.Decision);
        var eu = In(d, "EU");
        Assert.True(Fired(eu, "EU-RU-ANNEX-VII"));
        Assert.Contains(eu.LegalBasis, b => b.Contains("Art 2a(1) and Annex VII", StringComparison.Ordinal));
        Flags(d, "RF01");
    }

    [Fact]
    public void S13_bearings_to_Armenia_without_the_clause_are_held()
    {
        var d = Decide("S13");
        Assert.Equal(Decision.HoldForReview, d.Decision);
        Flags(d, "RF21", "RF01", "RF06");
        Assert.True(Fired(In(d, "EU"), "RF21"));
        Obligations(d, "ART12GB_DUE_DILIGENCE");
    }

    [Fact]
    public void S15_CNC_lathe_to_the_US_is_clear_under_EU001()
    {
        var d = Decide("S15");
        Assert.Equal(Decision.Clear, d.Decision);
        Assert.Equal("EU001", In(d, "EU").Basis);
        Obligations(d, "EU001_NOTIFY_FIRST_USE", "EU001_CUSTOMS_REFERENCE", "KEEP_RECORDS_5Y");
        Assert.DoesNotContain(d.Obligations, o => o.Id == "NO_RUSSIA_CLAUSE");
        Assert.Empty(d.RedFlags);
    }

    [Fact]
    public void S18_EAR99_laptop_to_Russia_needs_a_licence()
    {
        var d = Decide("S18");
        Assert.Equal(Decision.LicenceRequired, d.Decision);
        Assert.True(Fired(In(d, "US"), "US-RU-SUPP4"));
    }

    [Fact]
    public void S22_aggregate_SDN_ownership_of_55_percent_is_prohibited()
    {
        var d = Decide("S22");
        Assert.Equal(Decision.Prohibited, d.Decision);
        Flags(d, "RF22", "RF01");
        Assert.Contains(d.RedFlags, f => f.Id == "RF22" && f.Message.Contains("55", StringComparison.Ordinal));
    }

    [Fact]
    public void S23_clean_US_shipment_is_clear()
    {
        var d = Decide("S23");
        Assert.Equal(Decision.Clear, d.Decision);
        Assert.Equal("NLR", In(d, "US").Basis);
        Assert.Empty(d.RedFlags);
    }
}
