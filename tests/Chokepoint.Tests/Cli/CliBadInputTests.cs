using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>Garbage into every file and option the CLI takes: a clear error (or a reported row) and nothing written.</summary>
public sealed class CliBadInputTests
{
    private static async Task<string> DatabaseAsync(Scratch scratch)
    {
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        return db;
    }

    [Fact]
    public async Task A_jsonl_batch_reports_each_bad_line_and_screens_the_rest()
    {
        using var scratch = new Scratch();
        var db = await DatabaseAsync(scratch);
        var input = scratch.Write("parties.jsonl", "{\"name\": \"Parchin Chemical Industries\"}\nnot json at all\n[1, 2]\n{\"kind\": \"person\"}\n\n{\"name\": \"Saddam Hussein\", \"kind\": \"robot\"}\n");
        var output = scratch.Path("hits.jsonl");
        var (code, _, err) = await ChokepointCli.RunAsync("screen", "--input", input, "--output", output, "--db", db);
        Assert.Equal(0, code);
        Assert.Contains("line 2: skipped, not a JSON object", err);
        Assert.Contains("line 3: skipped, not a JSON object", err);
        Assert.Contains("line 4: skipped, no name and no id", err);
        Assert.Contains("line 6: skipped, unknown kind 'robot'", err);
        var lines = File.ReadAllLines(output);
        Assert.Contains(lines, l => l.Contains("\"line\":\"1\"", StringComparison.Ordinal) && l.Contains("110354", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Contains("\"error\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Batch_files_that_cannot_be_read_fail_clearly_and_write_nothing()
    {
        using var scratch = new Scratch();
        var db = await DatabaseAsync(scratch);
        var output = scratch.Path("hits.csv");
        var latin1 = scratch.Write("latin1.csv", [.. "name\nJos"u8.ToArray(), 0xE9, (byte)'\n']);
        var (code, _, err) = await ChokepointCli.RunAsync("screen", "--input", latin1, "--output", output, "--db", db);
        Assert.Equal(1, code);
        Assert.Contains("latin1.csv (line 2): bytes that are not valid utf-8", err);
        Assert.False(File.Exists(output)); // nothing half-written

        var text = scratch.Write("parties.txt", "name\nX\n");
        var wrongType = await ChokepointCli.RunAsync("screen", "--input", text, "--output", output, "--db", db);
        Assert.Equal(1, wrongType.Code);
        Assert.Contains("input must be .csv, .xlsx or .jsonl", wrongType.Err);
        var wrongOut = await ChokepointCli.RunAsync("screen", "--input", scratch.Write("p.csv", "name\nX\n"), "--output", scratch.Path("hits.pdf"), "--db", db);
        Assert.Equal(1, wrongOut.Code);
        Assert.Contains("output must be .csv, .jsonl or .xlsx", wrongOut.Err);
        Assert.False(File.Exists(scratch.Path("hits.pdf")));
        var missing = await ChokepointCli.RunAsync("screen", "--input", scratch.Path("nope.csv"), "--db", db);
        Assert.Equal(1, missing.Code);
        Assert.Contains("no such file", missing.Err);
    }

    [Fact]
    public async Task Compare_files_with_garbage_or_wrong_columns_fail_clearly()
    {
        using var scratch = new Scratch();
        var random = new byte[4096];
        new Random(5).NextBytes(random);
        var garbage = await ChokepointCli.RunAsync("compare", "--input", scratch.Write("pairs.csv", random), "--output", scratch.Path("s.csv"));
        Assert.Equal(1, garbage.Code);
        Assert.StartsWith("error: ", garbage.Err, StringComparison.Ordinal);
        var columns = await ChokepointCli.RunAsync("compare", "--input", scratch.Write("cols.csv", "a,b\nx,y\n"), "--output", scratch.Path("s2.csv"));
        Assert.Equal(1, columns.Code);
        Assert.Contains("missing column(s) name1, name2", columns.Err);
        var oneName = await ChokepointCli.RunAsync("compare", "only-one");
        Assert.Equal(1, oneName.Code);
        Assert.Contains("give two names", oneName.Err);
    }

    [Fact]
    public async Task Bad_options_and_settings_are_named()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        var date = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sema), "--published", "31/12/2020", "--db", db);
        Assert.Equal(1, date.Code);
        Assert.Contains("is not a date in the form yyyy-MM-dd", date.Err);
        var threshold = await ChokepointCli.RunAsync("screen", "--name", "X", "--threshold", "7", "--db", db);
        Assert.Equal(1, threshold.Code);
        Assert.Contains("--threshold '7' is not a score: give a number from 0 to 1", threshold.Err);
        var config = scratch.Write("sources.json", "{ \"lists\": [ { \"dataset\": ");
        var settings = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--db", db);
        Assert.Equal(1, settings.Code);
        Assert.Contains("not valid settings JSON", settings.Err);
        var noConfig = await ChokepointCli.RunAsync("lists", "update", "--config", scratch.Path("none.json"), "--db", db);
        Assert.Equal(1, noConfig.Code);
        Assert.Contains("none.json", noConfig.Err);
        var status = await ChokepointCli.RunAsync("lists", "status", "--db", db, "--json");
        Assert.Equal("[]", status.Out.Trim()); // nothing half-written by any of the above
    }
}
