using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chokepoint.Application.Goods;
using Chokepoint.Rules.Goods;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>The command line and the server decide a shipment the same way: both apply the classification record an
/// item names, and both take "today" as the UTC calendar day, whatever the machine's time zone.</summary>
public sealed class HostAgreementTests
{
    [Fact]
    public async Task Server_and_cli_both_apply_a_shipments_classification_record()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        long recordId;
        await using (var database = RecordDatabase.Open(db))
        {
            var records = new ClassificationRecords(database);
            await records.EnsureSchemaAsync(CancellationToken.None);
            recordId = (await records.ConfirmAsync(DecisionFixture.Goods.AnnexI, "5-axis machining centre HX-500", "845710", "2B001.b.2.a",
                "repeatability 0.8 µm per test report", "A. Officer", new DateOnly(2025, 3, 15), CancellationToken.None)).Id;
        }
        // S11 with its item's control codes taken away: only the classification record makes it a 2B001 item.
        var shipment = JsonNode.Parse(File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S11-rerouted.json")))!;
        var item = shipment["items"]![0]!.AsObject();
        item.Remove("controlCodes");
        item["classificationId"] = recordId;
        var file = scratch.Write("s11.json", shipment.ToJsonString());

        var cli = await ChokepointCli.RunAsync("check", file, "--db", db, "--data", TestData.Folder, "--json");
        Assert.Equal(0, cli.Code);
        string cliDecision;
        using (var json = JsonDocument.Parse(cli.Out)) cliDecision = json.RootElement.GetProperty("decision").GetString()!;
        Assert.Equal("LICENCE_REQUIRED", cliDecision);

        await using var factory = ServerFactory.Chokepoint(db);
        factory.StartServer();
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/shipments/check") { Content = new StringContent(shipment.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", "screener-key");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            Assert.Equal(cliDecision, json.RootElement.GetProperty("decision").GetString());

        item["classificationId"] = 999;
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/shipments/check") { Content = new StringContent(shipment.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        unknown.Headers.Add("X-Api-Key", "screener-key");
        using var bad = await http.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Classification record 999 does not exist", await bad.Content.ReadAsStringAsync());
    }

    /// <remarks>At every instant UTC+14 and UTC-12 are on different calendar days, so at least one of them differs from
    /// the UTC day: a host that took the local day fails here whenever it runs.</remarks>
    [Theory]
    [InlineData("Etc/GMT-14")]
    [InlineData("Etc/GMT+12")]
    public async Task Today_is_the_utc_day_in_every_time_zone(string zone)
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var shipment = JsonNode.Parse(File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S22.json")))!.AsObject();
        shipment.Remove("evaluationDate");
        var file = scratch.Write("s22.json", shipment.ToJsonString());
        var before = DateOnly.FromDateTime(DateTime.UtcNow);
        var r = await ChokepointCli.RunInAsync(new Dictionary<string, string> { ["TZ"] = zone }, "", "check", file, "--db", db, "--data", TestData.Folder, "--json");
        var after = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(0, r.Code);
        using var json = JsonDocument.Parse(r.Out);
        var day = DateOnly.Parse(json.RootElement.GetProperty("evaluationDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(day == before || day == after, $"{zone}: decided as of {day}, the UTC day is {before}");
    }
}
