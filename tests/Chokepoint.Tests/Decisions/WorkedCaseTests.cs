using System.Text.Json;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Shipments;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>The worked cases of docs/examples/cases: each line's shipment decided and held to its expected decision,
/// the rules that must fire and the phrases its legal basis must cite.</summary>
public sealed class WorkedCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(DecisionFixture.ExamplesFolder, "cases"), "*.jsonl").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
                data.Add(Path.GetFileName(file), line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_worked_case_comes_out_as_written(string file, string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var id = root.GetProperty("case").GetString();
        var expected = root.GetProperty("expected");
        var licences = root.TryGetProperty("licences", out var l) ? new LicenceList(l.Deserialize<List<LicenceView>>(ShipmentJson.Options)!) : null;
        var decision = DecisionFixture.Engine(licences).Decide(ShipmentJson.Parse(root.GetProperty("shipment").GetRawText()));
        var fired = decision.Jurisdictions.SelectMany(j => j.Reasons).Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        var basis = string.Join("\n", decision.Jurisdictions.SelectMany(j => j.LegalBasis));
        var why = $"{file} {id}: {decision.Decision.Name()} by {string.Join(", ", fired)}\n{basis}";
        Assert.True(expected.GetProperty("decision").GetString() == decision.Decision.Name(), why);
        foreach (var rule in expected.GetProperty("rules").EnumerateArray()) Assert.True(fired.Contains(rule.GetString()!), $"{rule} did not fire. {why}");
        foreach (var phrase in expected.GetProperty("basis").EnumerateArray())
            Assert.True(basis.Contains(phrase.GetString()!, StringComparison.Ordinal), $"the basis does not cite '{phrase}'. {why}");
        if (expected.TryGetProperty("redFlags", out var flags))
            foreach (var f in flags.EnumerateArray())
                Assert.True(decision.RedFlags.Any(x => x.Id == f.GetString()), $"red flag {f} is not raised. {why}");
        if (expected.TryGetProperty("notEvaluated", out var notEvaluated))
            foreach (var n in notEvaluated.EnumerateObject())
                Assert.True(decision.NotEvaluated.Any(x => x.Id == n.Name && x.Missing.Contains(n.Value.GetString()!, StringComparison.Ordinal)),
                    $"{n.Name} is not reported as lacking '{n.Value}'. {why}");
        if (expected.TryGetProperty("obligations", out var obligations))
            foreach (var o in obligations.EnumerateArray())
                Assert.True(decision.Obligations.Any(x => x.Id == o.GetString()), $"obligation {o} is not attached. {why}");
    }
}
