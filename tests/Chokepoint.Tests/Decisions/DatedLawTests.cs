using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>
/// Law by date: each control applies from its own instrument's date with that instrument cited, and a day for which
/// the engine knows no law is said to be one (HOLD_FOR_REVIEW with the reason), never a CLEAR by silence.
/// </summary>
public sealed class DatedLawTests
{
    private static readonly DecisionEngine Engine = DecisionFixture.Engine();

    private static ShipmentDecision On(Shipment s, DateOnly day) => Engine.Decide(s with { EvaluationDate = day, Licences = [] });

    private static JurisdictionDecision Cn(ShipmentDecision d) => d.Jurisdictions.Single(j => j.Jurisdiction == "CN");

    [Theory]
    [InlineData("2019-06-01", "HOLD_FOR_REVIEW", "CN-NO-LAW", "before the Export Control Law (in force 2020-12-01)")]
    [InlineData("2021-03-01", "HOLD_FOR_REVIEW", "CN-ITEM-LAW-UNKNOWN", "annual dual-use licence catalogue")]
    [InlineData("2023-07-31", "HOLD_FOR_REVIEW", "CN-ITEM-LAW-UNKNOWN", "annual dual-use licence catalogue")]
    [InlineData("2023-08-01", "LICENCE_REQUIRED", "CN-LISTED-ITEM", "MOFCOM/GACC Announcement 2023 No. 23 (in force 2023-08-01) under Export Control Law Art 12")]
    [InlineData("2024-11-15", "LICENCE_REQUIRED", "CN-LISTED-ITEM", "Export Control Law of the PRC Art 12(1)")]
    [InlineData("2024-12-01", "LICENCE_REQUIRED", "CN-LISTED-ITEM", "Dual-Use Items Export Control Regulations (State Council Decree 792)")]
    public void Germanium_to_Germany_is_decided_by_the_law_of_its_day(string day, string decision, string rule, string basis)
    {
        var d = On(DecisionFixture.Example("S02"), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(decision, d.Decision.Name());
        Assert.Contains(Cn(d).Reasons, r => r.Rule == rule);
        Assert.Contains(Cn(d).LegalBasis, b => b.Contains(basis, StringComparison.Ordinal));
    }

    [Fact]
    public void Before_Decree_792_a_licence_is_asked_for_under_the_Export_Control_Law_not_with_Decree_792s_clock()
    {
        var d = On(DecisionFixture.Example("S02"), new DateOnly(2024, 11, 15));
        var reason = Cn(d).Reasons.Single(r => r.Rule == "CN-LISTED-ITEM").Message;
        Assert.Contains("Export Control Law Art 12", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("45 working days", reason, StringComparison.Ordinal);
        Assert.Contains(d.Obligations, o => o.Id == "END_USER_CERTIFICATE_CN" && o.Source.Contains("Export Control Law", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Obligations, o => o.Id == "REPORT_ACTUAL_EXPORT_CN"); // Decree 792 Art 18(1), from 2024-12-01
    }

    /// <summary>The property: every worked example, on 300 days drawn from 2019 to 2027. Where a jurisdiction that applies
    /// has no modelled law on the day (CN before the Export Control Law, EU before Reg 2021/821, US before 2008), or a
    /// PRC-listed item's control on the day is not modelled, the decision is never CLEAR; and any CLEAR names its basis
    /// in every jurisdiction.</summary>
    [Fact]
    public void No_decision_is_clear_on_a_day_whose_law_the_engine_lacks()
    {
        var modelledFrom = new Dictionary<string, DateOnly> { ["CN"] = new(2020, 12, 1), ["EU"] = new(2021, 9, 9), ["US"] = new(2008, 1, 1) };
        var consolidatedList = new DateOnly(2024, 12, 1);
        var announced = new Dictionary<string, DateOnly> { ["3C001"] = new(2023, 8, 1), ["3C002"] = new(2023, 8, 1), ["3C003"] = new(2024, 9, 15), ["9A012.b"] = new(2023, 9, 1) };
        var random = new Random(20261202);
        var examples = Directory.GetFiles(Path.Combine(DecisionFixture.ExamplesFolder, "shipments"), "*.json").Select(f => ShipmentJson.Parse(File.ReadAllText(f))).ToList();
        var failures = new List<string>();
        var (checkedDays, held) = (0, 0);
        for (var n = 0; n < 300; n++)
        {
            var s = examples[n % examples.Count];
            var day = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 9 * 365));
            var d = On(s, day);
            checkedDays++;
            var lacking = d.Jurisdictions.Where(j => modelledFrom.TryGetValue(j.Jurisdiction, out var from) && day < from).Select(j => j.Jurisdiction).ToList();
            var cnCodes = s.Items.SelectMany(i => i.ControlCodes.Where(c => c.Key.Equals("CN", StringComparison.OrdinalIgnoreCase)).Select(c => c.Value));
            if (d.Jurisdictions.Any(j => j.Jurisdiction == "CN") && day < consolidatedList
                && cnCodes.Any(c => !announced.Any(a => c.StartsWith(a.Key, StringComparison.Ordinal) && a.Value <= day)))
                lacking.Add("CN item");
            if (lacking.Count > 0)
            {
                held++;
                if (d.Decision == Decision.Clear) failures.Add($"{s.Id} on {day:yyyy-MM-dd}: CLEAR though {string.Join(", ", lacking)} law is not modelled");
            }
            if (d.Decision == Decision.Clear)
                foreach (var j in d.Jurisdictions.Where(j => j.Basis is null))
                    failures.Add($"{s.Id} on {day:yyyy-MM-dd}: CLEAR in {j.Jurisdiction} without a basis");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(held > 30, $"only {held} of {checkedDays} days fell where law is lacking: the property was barely tried");
    }

    [Fact]
    public void A_rule_or_obligation_with_two_rows_in_force_together_is_refused_at_load()
    {
        var tables = RuleBook.TableNames.Select(RuleTable.Embedded).ToList();
        Assert.Equal(RuleBook.Default.Version, RuleBook.Load(tables).Version);
        foreach (var (name, row) in new[]
        {
            ("rules.tsv", "CN-LISTED-ITEM\tCN\tLICENCE_REQUIRED\t2024-06-01\t\tsomething\tsomewhere"),
            ("obligations.tsv", "END_USER_CERTIFICATE_CN\tCN\t2022-01-01\t\tsomething\tsomewhere"),
            ("rules.tsv", "CN-NO-LAW\tEU\tHOLD_FOR_REVIEW\t2030-01-01\t\tsomething\tsomewhere"),
        })
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Chokepoint.Rules", "Data", name)).TrimEnd('\n') + "\n" + row + "\n";
            var changed = tables.Select(t => t.Name == name ? RuleTable.Parse(name, System.Text.Encoding.UTF8.GetBytes(text)) : t).ToList();
            var e = Assert.Throws<InvalidOperationException>(() => RuleBook.Load(changed));
            Assert.Contains(row.Contains("\tEU\t", StringComparison.Ordinal) ? "has rows for CN and EU" : "has two rows in force together", e.Message, StringComparison.Ordinal);
        }
        Assert.Throws<InvalidOperationException>(() => RuleBook.Load(tables.Skip(1).ToList()));
    }

    [Fact]
    public void Docs_rules_names_every_rule_of_the_tables()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "RULES.md"));
        var missing = RuleBook.Default.Rules.Select(r => r.Id).Distinct().Where(id => !doc.Contains($"`{id}`", StringComparison.Ordinal)
            && !(id.StartsWith("RF", StringComparison.Ordinal) && doc.Contains("`RF03`–`RF20`", StringComparison.Ordinal) && int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) is >= 3 and <= 20)).ToList();
        Assert.True(missing.Count == 0, "docs/RULES.md does not name " + string.Join(", ", missing));
    }
}
