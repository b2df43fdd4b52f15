using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary><c>chokepoint screen</c> and <c>chokepoint compare</c> end to end.</summary>
public sealed class ScreenCliTests
{
    [Fact]
    public async Task Screening_refuses_when_no_list_is_loaded()
    {
        using var scratch = new Scratch();
        var (code, _, err) = await ChokepointCli.RunAsync("screen", "--name", "Vladimir Putin", "--db", scratch.Path("empty.db"));
        Assert.Equal(1, code);
        Assert.Contains("no list is loaded", err);
        Assert.False(File.Exists(scratch.Path("empty.db")), "a command that only reads lists must not leave an empty database behind");
    }

    [Fact]
    public async Task One_party_in_json_and_text()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var (code, output, _) = await ChokepointCli.RunAsync("screen", "--name", "Путин Владимир", "--kind", "person", "--country", "RU", "--db", db, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var hit = json.RootElement.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("entityId").GetString() == "35096");
        foreach (var field in new[] { "entityId", "list", "snapshot", "kind", "name", "matchedName", "score", "explanation" })
            Assert.True(hit.TryGetProperty(field, out _), field);
        Assert.Contains("via transliteration", hit.GetProperty("explanation").GetString());

        var text = await ChokepointCli.RunAsync("screen", "--name", "PARCHIN CHEMICAL INDUSTRIES", "--db", db);
        Assert.Matches(@"(?m)^ *\d +1\.00 +exact +un-sc +110354 +PARCHIN CHEMICAL INDUSTRIES", text.Out);
        Assert.Contains("Exact match (1.00): the name scores 1.00 against the entry's listed name", text.Out);
        var bad = await ChokepointCli.RunAsync("screen", "--name", new string('x', 5000), "--db", db);
        Assert.Equal(1, bad.Code);
        Assert.Contains("at most 1,000 are accepted", bad.Err);
        var kind = await ChokepointCli.RunAsync("screen", "--name", "X", "--kind", "robot", "--db", db);
        Assert.Contains("unknown kind 'robot'", kind.Err);
    }

    [Fact]
    public async Task A_file_of_parties_accounts_for_every_row_and_defuses_formulas()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var input = scratch.Write("parties.csv", """
            name,kind,country,dob,id
            Parchin Chemical Industries,organization,IR,,
            =HYPERLINK("http://evil"),,,,
            ,,,,
            "broken,person,,,
            """);
        var output = scratch.Path("hits.csv");
        var (code, _, err) = await ChokepointCli.RunAsync("screen", "--input", input, "--output", output, "--db", db);
        Assert.Equal(1, code); // the unterminated quote at the end is a clear error, not a silent drop
        Assert.Contains("never closed", err);
        Assert.False(File.Exists(output)); // no half-written hits file

        var good = scratch.Write("good.csv", "name,kind,country,dob,id\nParchin Chemical Industries,organization,IR,,\n=HYPERLINK(\"http://evil\"),,,,\n,,,,\nSomeone,robot,,,\n");
        var run = await ChokepointCli.RunAsync("screen", "--input", good, "--output", output, "--db", db);
        Assert.Equal(0, run.Code);
        Assert.Contains("line 4: skipped, no name and no id", run.Err);
        Assert.Contains("line 5: skipped, unknown kind 'robot'", run.Err);
        var lines = File.ReadAllLines(output);
        Assert.Contains(lines, l => l.StartsWith("2,Parchin Chemical Industries", StringComparison.Ordinal) && l.Contains("110354", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3,\"'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("4,", StringComparison.Ordinal) && l.EndsWith("no name and no id", StringComparison.Ordinal));

        var jsonl = scratch.Path("hits.jsonl");
        Assert.Equal(0, (await ChokepointCli.RunAsync("screen", "--input", good, "--output", jsonl, "--db", db)).Code);
        Assert.All(File.ReadAllLines(jsonl), l => JsonDocument.Parse(l).Dispose());
        var xlsx = scratch.Path("hits.xlsx");
        Assert.Equal(0, (await ChokepointCli.RunAsync("screen", "--input", good, "--output", xlsx, "--db", db)).Code);
        Assert.Equal((byte)'P', File.ReadAllBytes(xlsx)[0]);

        var wrong = scratch.Write("wrong.csv", "fullname,type\nX,person\n");
        var columns = await ChokepointCli.RunAsync("screen", "--input", wrong, "--db", db);
        Assert.Equal(1, columns.Code);
        Assert.Contains("needs a 'name' column", columns.Err);
    }

    [Fact]
    public async Task A_semicolon_separated_file_from_a_decimal_comma_spreadsheet_is_read_by_its_header()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        // Excel set up for a decimal comma saves ';' between fields; a comma inside a quoted field stays part of it.
        var input = scratch.Write("parties.csv", "name;kind;country;id\nParchin Chemical Industries;organization;IR;\n\"Smith, John\";person;GB;\n");
        var output = scratch.Path("hits.csv");
        var run = await ChokepointCli.RunAsync("screen", "--input", input, "--output", output, "--db", db);
        Assert.Equal(0, run.Code);
        var lines = File.ReadAllLines(output);
        Assert.Contains(lines, l => l.StartsWith("2,Parchin Chemical Industries", StringComparison.Ordinal) && l.Contains("110354", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3,\"Smith, John\"", StringComparison.Ordinal));

        // A comma file whose names hold semicolons inside quotes is still a comma file.
        var comma = scratch.Write("comma.csv", "name,kind\n\"A; B; C\",person\nParchin Chemical Industries,organization\n");
        var second = await ChokepointCli.RunAsync("screen", "--input", comma, "--output", output, "--db", db);
        Assert.Equal(0, second.Code);
        Assert.Contains(File.ReadAllLines(output), l => l.StartsWith("3,Parchin Chemical Industries", StringComparison.Ordinal) && l.Contains("110354", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_scores_two_names_or_a_file_of_pairs()
    {
        using var scratch = new Scratch();
        var one = await ChokepointCli.RunAsync("compare", "--kind", "person", "PUTIN, Vladimir Vladimirovich", "Владимир Путин", "--json");
        Assert.Equal(0, one.Code);
        using (var json = JsonDocument.Parse(one.Out)) Assert.True(json.RootElement.GetProperty("score").GetDouble() >= 0.8);
        var pairs = scratch.Write("pairs.csv", "name1,name2,kind\nPlant No. 3,Plant No. 5,organization\nOOO Romashka,Romashka LLC,organization\n,x,\n");
        var output = scratch.Path("scores.csv");
        var file = await ChokepointCli.RunAsync("compare", "--input", pairs, "--output", output);
        Assert.Equal(0, file.Code);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("2,Plant No. 3,Plant No. 5,organization,0.6000", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,OOO Romashka,Romashka LLC,organization,1.0000", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("name1 or name2 is empty", lines[3], StringComparison.Ordinal);
    }
}
