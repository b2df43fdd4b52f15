using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>Every screening is on record, from every path: a batch file on the command line (each screened row, in
/// blocks), and the parties of a shipment decision (command line and HTTP).</summary>
public sealed class ScreeningRecordTests
{
    [Fact]
    public async Task A_batch_file_and_a_shipment_check_leave_one_record_per_party_screened()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("records.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var input = scratch.Write("parties.csv", "name,kind\nERIC BADEGE,person\nAstana Logistics Partners LLP,organization\n,person\nBANCO NACIONAL DE CUBA,organization\n");
        var screened = await ChokepointCli.RunAsync("screen", "--input", input, "--output", scratch.Path("hits.csv"), "--db", db);
        Assert.Equal(0, screened.Code);
        Assert.Equal(3, await CountAsync(db, "cli batch")); // the row without a name was not screened, so it has no record

        var check = await ChokepointCli.RunAsync("check", Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S01.json"), "--db", db, "--data", TestData.Folder, "--json");
        Assert.True(check.Code == 0, check.Err);
        using var decision = System.Text.Json.JsonDocument.Parse(check.Out);
        var parties = decision.RootElement.GetProperty("screening").GetArrayLength();
        Assert.True(parties >= 1);
        Assert.Equal(parties, decision.RootElement.GetProperty("screeningIds").GetArrayLength());
        Assert.Equal(parties, await CountAsync(db, "shipment check"));

        // A bulk check records its parties too, and each decision line names its screenings.
        var shipment = File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S01.json")).ReplaceLineEndings(" ");
        var lines = scratch.Write("shipments.jsonl", $"{shipment}\nnot json\n{shipment}\n");
        var bulk = await ChokepointCli.RunAsync("check", "--input", lines, "--output", scratch.Path("decisions.jsonl"), "--db", db, "--data", TestData.Folder);
        Assert.Equal(1, bulk.Code); // the bad line is refused, with its record
        var records = File.ReadAllLines(scratch.Path("decisions.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, records.Count);
        Assert.True(records[1].TryGetProperty("error", out _));
        foreach (var r in new[] { records[0], records[2] })
            Assert.Equal(parties, r.GetProperty("decision").GetProperty("screeningIds").GetArrayLength());
        Assert.Equal(3 * parties, await CountAsync(db, "shipment check"));
    }

    [Fact]
    public async Task A_shipment_checked_over_http_records_its_parties_screenings()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var decision = await s.CheckAsync(File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S01.json")));
        var ids = decision.GetProperty("screeningIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
        Assert.Equal(decision.GetProperty("screening").GetArrayLength(), ids.Count);
        Assert.Equal(ids.Count, await CountAsync(s.Connection, "shipment check"));
    }

    private static async Task<int> CountAsync(string db, string purpose)
    {
        await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(db);
        await using var c = await database.ConnectAsync(CancellationToken.None);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT COUNT(*) FROM screenings WHERE purpose = @p", ("p", purpose));
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The good-guy list on the command line, and what it says to bad input.</summary>
public sealed class GoodGuyCliTests
{
    [Fact]
    public async Task Good_guys_are_added_listed_and_removed_and_bad_entries_are_named()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("gg.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sdn2021), "--db", db)).Code);
        var bad = await ChokepointCli.RunAsync("goodguys", "add", "--name", "ERIC BADEGE", "--entry", "15718", "--reason", "x", "--db", db);
        Assert.Equal(1, bad.Code);
        Assert.Contains("is not LIST:ID", bad.Err, StringComparison.Ordinal);
        var unknown = await ChokepointCli.RunAsync("goodguys", "add", "--name", "ERIC BADEGE", "--entry", "eu-fsf:1", "--reason", "x", "--db", db);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("No list eu-fsf is serving; serving: us-ofac-sdn.", unknown.Err, StringComparison.Ordinal);
        var added = await ChokepointCli.RunAsync("goodguys", "add", "--name", "ERIC BADEGE", "--country", "CD", "--entry", "us-ofac-sdn:15718", "--reason", "born 1990", "--db", db);
        Assert.True(added.Code == 0, added.Err);
        Assert.Matches(@"(?m)^ *1 +ERIC BADEGE +CD +us-ofac-sdn:15718 +born 1990$", (await ChokepointCli.RunAsync("goodguys", "list", "--db", db)).Out);
        Assert.Equal(0, (await ChokepointCli.RunAsync("goodguys", "remove", "1", "--reason", "ended", "--db", db)).Code);
        Assert.Equal(1, (await ChokepointCli.RunAsync("goodguys", "remove", "1", "--reason", "again", "--db", db)).Code);
    }
}
