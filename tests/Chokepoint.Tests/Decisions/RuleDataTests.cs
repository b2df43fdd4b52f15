using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>The rule tables carry their sources and dates, and the dates decide: a rule outside them does not fire.</summary>
public sealed class RuleDataTests
{
    [Fact]
    public void Every_row_of_every_table_has_a_source_and_a_start_date()
    {
        foreach (var table in RuleBook.Default.Tables)
            foreach (var row in table.Rows)
            {
                Assert.False(string.IsNullOrWhiteSpace(row.Source), $"{table.Name} line {row.Line} has no source");
                Assert.True(row.Validity.From > DateOnly.MinValue, $"{table.Name} line {row.Line} has no start date");
            }
        Assert.Equal(50, RuleBook.Default.ChplRows.Count());
    }

    [Theory]
    [InlineData("h\teffective_from\teffective_to\tsource\nx\t2020-01-01\t\t\n", "no source")]
    [InlineData("h\teffective_from\teffective_to\tsource\nx\t\t\tlaw\n", "no effective_from")]
    [InlineData("h\teffective_from\teffective_to\tsource\nx\t2020-13-01\t\tlaw\n", "not a yyyy-MM-dd")]
    [InlineData("h\teffective_from\teffective_to\tsource\nx\t2020-01-01\t2019-01-01\tlaw\n", "cannot end")]
    [InlineData("h\tsource\nx\tlaw\n", "lacks the column")]
    [InlineData("h\teffective_from\teffective_to\tsource\nx\t2020-01-01\n", "cells")]
    public void A_row_without_its_source_or_dates_is_refused(string tsv, string problem)
    {
        var e = Assert.ThrowsAny<Exception>(() => RuleTable.Parse("t.tsv", System.Text.Encoding.UTF8.GetBytes(tsv)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    private static ShipmentDecision Decide(Shipment s) => DecisionFixture.Engine().Decide(s);

    [Fact]
    public void Art_12gb_due_diligence_does_not_apply_before_26_December_2024()
    {
        var s13 = DecisionFixture.Example("S13");
        Assert.Contains(Decide(s13).Obligations, o => o.Id == "ART12GB_DUE_DILIGENCE");
        var before = Decide(s13 with { EvaluationDate = new DateOnly(2024, 12, 25) });
        Assert.DoesNotContain(before.Obligations, o => o.Id == "ART12GB_DUE_DILIGENCE");
    }

    [Fact]
    public void The_no_Russia_clause_hold_does_not_fire_before_20_March_2024()
    {
        var s13 = DecisionFixture.Example("S13") with { Contract = new Contract { Date = new DateOnly(2024, 1, 10), NoRussiaClause = false } };
        Assert.Contains(Decide(s13).RedFlags, f => f.Id == "RF21");
        Assert.DoesNotContain(Decide(s13 with { EvaluationDate = new DateOnly(2024, 3, 19) }).RedFlags, f => f.Id == "RF21");
    }

    [Fact]
    public void The_PRC_licence_requirement_starts_with_its_announcement_and_the_gallium_ban_ends_with_its_suspension()
    {
        // The UAV engine of S01 was controlled by Announcement 2023 No. 27 from 2023-09-01: under the Export Control Law
        // until Decree 792 took over, and not known to the engine the day before.
        var s01 = DecisionFixture.Example("S01");
        var underLaw = Decide(s01 with { EvaluationDate = new DateOnly(2024, 11, 30) });
        Assert.Contains(underLaw.Jurisdictions.Single().Reasons, r => r.Rule == "CN-LISTED-ITEM");
        Assert.Contains(underLaw.Jurisdictions.Single().LegalBasis, b => b.StartsWith("Export Control Law of the PRC Art 12(1)", StringComparison.Ordinal));
        var before = Decide(s01 with { EvaluationDate = new DateOnly(2023, 8, 31) });
        Assert.DoesNotContain(before.Jurisdictions.Single().Reasons, r => r.Rule == "CN-LISTED-ITEM");
        Assert.Contains(before.Jurisdictions.Single().Reasons, r => r.Rule == "CN-ITEM-LAW-UNKNOWN");
        Assert.NotEqual(Decision.Clear, before.Decision);

        var s06 = DecisionFixture.Example("S06");
        Assert.Contains(Decide(s06).Jurisdictions.Single().Reasons, r => r.Rule == "CN-GA-GE-SB-TO-US");
        var suspended = Decide(s06 with { EvaluationDate = new DateOnly(2026, 1, 15) });
        Assert.DoesNotContain(suspended.Jurisdictions.Single().Reasons, r => r.Rule == "CN-GA-GE-SB-TO-US");
        Assert.Equal(Decision.Prohibited, suspended.Decision); // the control-list party still prohibits it
    }

    [Fact]
    public void Every_decision_names_its_rule_data_version_and_list_snapshots()
    {
        var d = Decide(DecisionFixture.Example("S09"));
        Assert.Equal(RuleBook.Default.Version, d.RuleDataVersion);
        Assert.StartsWith("rules-", d.RuleDataVersion, StringComparison.Ordinal);
        Assert.NotEmpty(d.ListSnapshots);
    }
}
