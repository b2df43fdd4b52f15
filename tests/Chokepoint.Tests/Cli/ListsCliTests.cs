using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>The <c>chokepoint lists</c> commands end to end, as a user runs them.</summary>
public sealed class ListsCliTests
{
    [Fact]
    public async Task Import_status_show_and_diff()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        var (code, output, _) = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db, "--json");
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(1003, json.RootElement.GetProperty("snapshot").GetProperty("entityCount").GetInt32());
            Assert.Equal("un-xml", json.RootElement.GetProperty("reader").GetString());
        }
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sdn2021), "--db", db)).Code);
        // The 2024 sdn.csv came without its companions: refused over the complete 2021 set unless taken deliberately.
        var refused = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sdn2024), "--db", db);
        Assert.Equal(1, refused.Code);
        Assert.Contains("no alt file, while the active snapshot has 11,910 alt rows", refused.Err);
        var imported = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sdn2024), "--db", db, "--accept-drop");
        Assert.Equal(0, imported.Code);
        Assert.Contains("drop accepted with --accept-drop", imported.Out);
        Assert.Contains("14,965 entities", imported.Out);
        Assert.Contains("no add file beside it", imported.Out);

        var status = await ChokepointCli.RunAsync("lists", "status", "--db", db, "--json");
        using (var json = JsonDocument.Parse(status.Out))
        {
            var rows = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(["un-sc", "us-ofac-sdn"], rows.Select(r => r.GetProperty("dataset").GetString()).Order());
            var sdn = rows.Single(r => r.GetProperty("dataset").GetString() == "us-ofac-sdn");
            Assert.Equal(6854, sdn.GetProperty("countsByKind").GetProperty("Person").GetInt32());
            Assert.Equal("210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb", sdn.GetProperty("sha256").GetString());
        }
        var text = await ChokepointCli.RunAsync("lists", "status", "--db", db);
        Assert.Contains("us-ofac-sdn", text.Out);
        Assert.Contains("2024-05-03", text.Out);

        var diff = await ChokepointCli.RunAsync("lists", "diff", "2", "3", "--db", db);
        Assert.Equal(0, diff.Code);
        Assert.Contains("added 6,870, removed 881, changed 6,871", diff.Out);
        Assert.Contains("RUSSIA-EO14024", diff.Out);

        var show = await ChokepointCli.RunAsync("lists", "show", "3", "--entity", "3754", "--db", db);
        Assert.Equal(0, show.Code);
        Assert.Contains("ABU MARZOOK, Mousa Mohammed", show.Out);
        var missing = await ChokepointCli.RunAsync("lists", "show", "3", "--entity", "no-such-id", "--db", db);
        Assert.Equal(1, missing.Code);
        Assert.Contains("has no entry 'no-such-id'", missing.Err);
    }

    [Fact]
    public async Task A_bad_file_exits_non_zero_names_the_place_and_leaves_the_database_as_it_was()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sema), "--db", db)).Code);
        var before = (await ChokepointCli.RunAsync("lists", "status", "--db", db, "--json")).Out;

        var truncated = scratch.Truncated("sema-lmes.xml", TestData.File(TestData.Sema), 0.5);
        var (code, _, err) = await ChokepointCli.RunAsync("lists", "import", truncated, "--db", db);
        Assert.Equal(1, code);
        Assert.Contains("sema-lmes.xml", err);
        Assert.Matches(@"line \d+, column \d+", err);
        Assert.DoesNotContain("   at ", err); // a message, not a stack trace

        var garbage = scratch.Write("list.bin", new byte[] { 0, 1, 2, 3, 0xFF, 0xFE });
        var detect = await ChokepointCli.RunAsync("lists", "import", garbage, "--db", db);
        Assert.Equal(1, detect.Code);
        Assert.Contains("not a list format Chokepoint knows", detect.Err);

        var unknown = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sema), "--format", "pdf", "--db", db);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("known formats: ofac-csv", unknown.Err);

        var nothing = await ChokepointCli.RunAsync("lists", "import", scratch.Path("nope.xml"), "--db", db);
        Assert.Equal(1, nothing.Code);
        Assert.Contains("no such file or folder", nothing.Err);

        Assert.Equal(before, (await ChokepointCli.RunAsync("lists", "status", "--db", db, "--json")).Out);
    }

    [Fact]
    public async Task Update_falls_back_to_the_local_folder_and_says_so()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        var folder = Path.Combine(scratch.Dir, "mirror");
        Directory.CreateDirectory(Path.Combine(folder, "un", "2026-02-27"));
        Directory.CreateDirectory(Path.Combine(folder, "ca"));
        File.Copy(TestData.File(TestData.Un), Path.Combine(folder, "un", "2026-02-27", "consolidated.xml"));
        File.Copy(TestData.File(TestData.Sema), Path.Combine(folder, "ca", "sema-lmes.xml"));
        File.WriteAllText(Path.Combine(folder, "ca", "notes.md"), "# not a list");
        File.WriteAllText(Path.Combine(folder, "ca", "hs.csv"), "code,description\n01,Live animals\n");
        // Publishers that cannot be reached: a loopback port nothing listens on.
        var config = scratch.Write("sources.json", $$"""
            { "fallbackFolder": "{{folder.Replace("\\", "/", StringComparison.Ordinal)}}", "timeoutSeconds": 2, "retries": 0,
              "lists": [ { "dataset": "un-sc", "format": "un-xml", "files": [ { "name": "consolidated.xml", "url": "http://127.0.0.1:9/un.xml" } ] },
                         { "dataset": "ca-sema", "format": "ca-sema", "files": [ { "name": "sema-lmes.xml", "url": "http://127.0.0.1:9/sema.xml" } ] } ] }
            """);
        var (code, output, err) = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--db", db);
        Assert.Equal(4, code); // imported from the folder, but not refreshed from the publishers: a scheduled job must see that
        Assert.Contains("No publisher could be reached: the lists come from the local folder", output);
        Assert.Contains("No publisher could be reached", err);
        Assert.Contains($"Source: local folder {folder}", err);
        Assert.Contains("1,003 entities", output);
        Assert.Contains("1,369 entities", output);
        Assert.Contains("hs.csv: not a list format Chokepoint knows", output);
        Assert.Contains("un-sc", output);
        Assert.Contains("2026-02-27", output);

        var offline = await ChokepointCli.RunAsync("lists", "update", "--offline", "--from", folder, "--db", db);
        Assert.Equal(0, offline.Code);
        Assert.Contains("identical to snapshot", offline.Out);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_clear_error()
    {
        var (code, _, err) = await ChokepointCli.RunAsync("lists", "status", "--db", "Host=127.0.0.1;Port=9;Username=x;Timeout=2");
        Assert.Equal(1, code);
        Assert.Contains("Cannot connect to PostgreSQL 127.0.0.1:9", err);
    }
}
