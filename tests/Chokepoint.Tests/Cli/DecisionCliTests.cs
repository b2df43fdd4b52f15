using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary><c>chokepoint check</c> and <c>chokepoint classify</c> end to end, on real lists and goods files.</summary>
public sealed class DecisionCliTests
{
    private static string Example(string id) => Path.Combine(DecisionFixture.ExamplesFolder, "shipments", id + ".json");

    [Fact]
    public async Task Check_decides_one_shipment_in_text_and_json()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var text = await ChokepointCli.RunAsync("check", Example("S11"), "--db", db, "--data", TestData.Folder);
        Assert.Equal(0, text.Code);
        Assert.StartsWith("PROHIBITED", text.Out, StringComparison.Ordinal);
        Assert.Contains("RF02", text.Out);

        var json = await ChokepointCli.RunAsync("check", Example("S02"), "--db", db, "--data", TestData.Folder, "--json",
            "--licences", Path.Combine(DecisionFixture.ExamplesFolder, "licences.json"));
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("CLEAR", doc.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Check_batch_accounts_for_every_line_and_refuses_without_lists()
    {
        using var scratch = new Scratch();
        var refused = await ChokepointCli.RunAsync("check", Example("S09"), "--db", scratch.Path("empty.db"), "--data", TestData.Folder);
        Assert.Equal(1, refused.Code);
        Assert.Contains("no list is loaded", refused.Err);
        Assert.False(File.Exists(scratch.Path("empty.db")));

        var db = await ListDatabase.CreateAsync(scratch);
        var lines = new[] { "S09", "S18" }.Select(id => JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(Example(id))).RootElement)).ToList();
        lines.Insert(1, """{"exporter":{"name":"X"}}""");
        var input = scratch.Write("in.jsonl", string.Join("\n", lines) + "\n");
        var output = scratch.Path("out.jsonl");
        var run = await ChokepointCli.RunAsync("check", "--input", input, "--output", output, "--db", db, "--data", TestData.Folder);
        Assert.Equal(1, run.Code);
        var written = File.ReadAllLines(output);
        Assert.Equal(3, written.Length);
        Assert.Contains("\"decision\":\"CLEAR\"", written[0]);
        Assert.Contains("\"line\":2,\"error\"", written[1]);
        Assert.Contains("LICENCE_REQUIRED", written[2]);
        Assert.Contains("1 refused", run.Err);
    }

    [Fact]
    public async Task Classify_finds_the_entry_and_the_tier()
    {
        var text = await ChokepointCli.RunAsync("classify", "--text", "5-axis machining centre", "--hs", "8457.10", "--data", TestData.Folder, "--json");
        Assert.Equal(0, text.Code);
        using var doc = JsonDocument.Parse(text.Out);
        Assert.Equal("4.B", doc.RootElement.GetProperty("chplTier").GetString());
        Assert.Equal("2B001", doc.RootElement.GetProperty("candidates")[0].GetProperty("code").GetString());
        // In text, the outcome is said once: "REVIEW: ...", never "REVIEW: Review: ...".
        var words = await ChokepointCli.RunAsync("classify", "--hs", "8457.10", "--data", TestData.Folder);
        Assert.Equal(0, words.Code);
        var first = words.Out.Split('\n')[0];
        Assert.StartsWith("REVIEW", first, StringComparison.Ordinal);
        Assert.DoesNotContain("review:", first[first.IndexOf(':', StringComparison.Ordinal)..], StringComparison.OrdinalIgnoreCase);
        var bad = await ChokepointCli.RunAsync("classify", "--hs", "84x7", "--data", TestData.Folder);
        Assert.Equal(1, bad.Code);
        Assert.Contains("not an HS", bad.Err);
        var missing = await ChokepointCli.RunAsync("classify", "--hs", "8457", "--data", "/nonexistent");
        Assert.Equal(1, missing.Code);
        Assert.Contains("does not exist", missing.Err);
    }

    [Fact]
    public async Task Classify_confirms_a_record_and_reviews_changed_entries()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("records.db");
        var ok = await ChokepointCli.RunAsync("classify", "--confirm", "2B001.b.2.a", "--item", "HX-500", "--rationale", "test report", "--assessor", "A. Officer",
            "--date", "2025-03-15", "--data", TestData.Folder, "--db", db);
        Assert.Equal(0, ok.Code);
        Assert.Contains("classification 1 recorded", ok.Out);
        var review = await ChokepointCli.RunAsync("classify", "--changed", "--data", TestData.Folder, "--db", db);
        Assert.Equal(0, review.Code);
        Assert.Contains("no confirmed classification", review.Out);
        var bad = await ChokepointCli.RunAsync("classify", "--confirm", "9Z999", "--item", "x", "--rationale", "r", "--assessor", "a", "--data", TestData.Folder, "--db", db);
        Assert.Equal(1, bad.Code);
        Assert.Contains("not a provision", bad.Err);
    }

    [Fact]
    public async Task Check_refuses_bad_shipment_files_and_options_with_a_clear_error()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var text = File.ReadAllText(Example("S11"));
        var cases = new (string[] Args, string Expected)[]
        {
            ([scratch.Write("garbage.json", "\u0000\u0001 not json")], "Not a valid shipment"),
            ([scratch.Write("truncated.json", text[..(text.Length / 2)])], "Not a valid shipment"),
            ([scratch.Write("latin1.json", System.Text.Encoding.Latin1.GetBytes(text.Replace("Steppe", "St\u00e9ppe", StringComparison.Ordinal)))], "UTF-8"),
            ([scratch.Path("missing.json")], "no such file"),
            ([scratch.Write("huge.json", new string(' ', 2_000_000))], "larger than"),
            ([Example("S11"), "--date", "15/03/2025"], "--date"),
            ([Example("S11"), "--licences", scratch.Write("lic.json", "{ nope")], "licences file"),
            ([], "either a shipment file"),
        };
        foreach (var (args, expected) in cases)
        {
            var run = await ChokepointCli.RunAsync(["check", .. args, "--db", db, "--data", TestData.Folder]);
            Assert.True(run.Code == 1, $"{string.Join(' ', args)}: exit {run.Code}, {run.Err}");
            Assert.Contains(expected, run.Err);
        }
    }
}
