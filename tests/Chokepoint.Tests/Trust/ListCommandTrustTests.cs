using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>What the list commands say and exit with when lists are refused, stale, rolled back or restricted.</summary>
public sealed class ListCommandTrustTests
{
    [Fact]
    public async Task A_refused_import_names_its_figures_and_accept_drop_is_audited()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("l.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var tenth = scratch.Write("un10.xml", ListFaults.UnShare(0.1));
        var refused = await ChokepointCli.RunAsync("lists", "import", tenth, "--db", db);
        Assert.Equal(1, refused.Code);
        Assert.Contains("entries 100 against 1,003 (90 % fewer)", refused.Err);
        Assert.Contains("snapshot 1 keeps serving", refused.Err);

        var taken = await ChokepointCli.RunAsync("lists", "import", tenth, "--db", db, "--accept-drop");
        Assert.Equal(0, taken.Code);
        var audit = await ChokepointCli.RunAsync("audit", "export", "--format", "json", "--db", db);
        Assert.Contains("list.accept-drop", audit.Out);
        Assert.Contains("entries 100 against 1,003", audit.Out);
        Assert.Equal(0, (await ChokepointCli.RunAsync("audit", "verify", "--db", db)).Code);
    }

    [Fact]
    public async Task A_publication_from_the_future_is_refused_and_the_real_one_keeps_serving()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("l.db");
        var future = await ChokepointCli.RunAsync("lists", "import", scratch.Write("un2099.xml", ListFaults.UnDated("2099-01-01T00:00:00Z")), "--db", db);
        Assert.Equal(1, future.Code);
        Assert.Contains("published 2099-01-01, after today", future.Err);
        var real = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db);
        Assert.Equal(0, real.Code);
        Assert.Contains("now active", real.Out);
    }

    [Fact]
    public async Task Lists_activate_rolls_back_and_forward_and_is_audited()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("l.db");
        var older = scratch.Write("un-older.xml", ListFaults.UnDated("2026-01-15T00:00:00Z"));
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", older, "--db", db)).Code);          // snapshot 1
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code); // snapshot 2, newer
        var again = await ChokepointCli.RunAsync("lists", "import", older, "--db", db);
        Assert.Contains("it does not serve", again.Out);

        var noReason = await ChokepointCli.RunAsync("lists", "activate", "1", "--db", db);
        Assert.NotEqual(0, noReason.Code);
        var back = await ChokepointCli.RunAsync("lists", "activate", "1", "--reason", "2026-02-27 file under review", "--db", db);
        Assert.Equal(0, back.Code);
        Assert.Contains("snapshot 1", back.Out);
        var screened = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--db", db, "--json");
        using (var json = JsonDocument.Parse(screened.Out)) Assert.Equal([1L], json.RootElement.GetProperty("snapshots").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "activate", "2", "--reason", "review done", "--db", db)).Code);
        var missing = await ChokepointCli.RunAsync("lists", "activate", "99", "--reason", "x", "--db", db);
        Assert.Equal(1, missing.Code);
        Assert.Contains("no snapshot 99", missing.Err);

        var audit = await ChokepointCli.RunAsync("audit", "export", "--format", "json", "--db", db);
        Assert.Equal(2, audit.Out.Split("list.activate").Length - 1);
        Assert.Contains("2026-02-27 file under review", audit.Out);
        Assert.Equal(0, (await ChokepointCli.RunAsync("audit", "verify", "--db", db)).Code);
    }

    [Fact]
    public async Task Update_exits_3_when_a_list_is_refused_and_4_when_one_is_too_old()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("l.db");
        var folder = scratch.Path("data");
        Directory.CreateDirectory(Path.Combine(folder, "un"));
        File.Copy(TestData.File(TestData.Un), Path.Combine(folder, "un", "consolidated.xml"));
        var config = scratch.Write("sources.json", """{ "lists": [] }""");
        var ok = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--from", folder, "--db", db);
        Assert.Equal(0, ok.Code);
        Assert.Contains("age (days)", ok.Out);

        var stale = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--from", folder, "--db", db, "--max-age", "30d");
        Assert.Equal(4, stale.Code); // the UN file is from 2026-02-27
        Assert.Contains("STALE un-sc", stale.Out);
        var badAge = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--from", folder, "--db", db, "--max-age", "soon");
        Assert.Equal(1, badAge.Code);

        var cut = Path.Combine(scratch.Path("cut"), "un");
        Directory.CreateDirectory(cut);
        File.WriteAllText(Path.Combine(cut, "consolidated.xml"), ListFaults.UnShare(0.5).Replace("2026-02-27T", "2026-02-28T", StringComparison.Ordinal));
        var refused = await ChokepointCli.RunAsync("lists", "update", "--config", config, "--from", scratch.Path("cut"), "--db", db);
        Assert.Equal(3, refused.Code);
        Assert.Contains("REFUSED", refused.Out);
        Assert.Contains("keeps serving", refused.Out);
    }

    [Fact]
    public async Task OpenSanctions_data_enters_only_when_named()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("l.db");
        var folder = scratch.Path("data");
        Directory.CreateDirectory(Path.Combine(folder, "ua_war_sanctions"));
        File.Copy(TestData.File(TestData.Targets), Path.Combine(folder, "ua_war_sanctions", "targets.simple.csv"));
        File.Copy(TestData.File(TestData.Un), Path.Combine(folder, "consolidated.xml"));
        var run = await ChokepointCli.RunAsync("lists", "import", folder, "--db", db);
        Assert.Equal(0, run.Code);
        Assert.Contains("CC BY-NC", run.Out);
        var status = await ChokepointCli.RunAsync("lists", "status", "--db", db, "--json");
        Assert.DoesNotContain("opensanctions", status.Out);
        var named = await ChokepointCli.RunAsync("lists", "import", Path.Combine(folder, "ua_war_sanctions", "targets.simple.csv"), "--db", db);
        Assert.Equal(0, named.Code);
    }
}
