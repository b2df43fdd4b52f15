using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chokepoint.Tests.Server;

/// <summary>The HTTP API on a real Kestrel port: screening, batch, the yente-compatible endpoint, OpenAPI, and the
/// authorisation of every endpoint for every role.</summary>
public sealed class ServerApiTests : IAsyncLifetime
{
    private readonly Scratch _scratch = new();
    private WebApplicationFactory<Chokepoint.Server.ScreeningService>? _factory;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var db = _scratch.Path("server.db");
        await using (var store = await SnapshotStores.OpenAsync(db, CancellationToken.None))
        {
            var importer = new SnapshotImporter(store, TimeProvider.System);
            foreach (var f in new[] { TestData.Un, TestData.Sdn2024 })
                await importer.ImportAsync(TestData.File(f), new ImportOptions(), null, CancellationToken.None);
        }
        _factory = Create(db);
        _http = _factory.CreateClient();
    }

    private static WebApplicationFactory<Chokepoint.Server.ScreeningService> Create(string db)
    {
        var factory = ServerFactory.Chokepoint(db);
        factory.StartServer();
        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        _scratch.Dispose();
    }

    private async Task<HttpResponseMessage> Post(string path, object body, string? key = "screener-key")
    {
        HttpContent content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task Screen_returns_hits_with_their_explanation()
    {
        using var response = await Post("/api/screen", new { name = "Путин Владимир", kind = "person", country = "RU" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hit = json.RootElement.GetProperty("hits").EnumerateArray().First();
        Assert.Equal("35096", hit.GetProperty("entityId").GetString());
        foreach (var field in new[] { "entityId", "list", "snapshot", "kind", "name", "matchedName", "score", "explanation" })
            Assert.True(hit.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_400()
    {
        using var empty = await Post("/api/screen", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("name", await empty.Content.ReadAsStringAsync());
        using var huge = await Post("/api/screen", new { name = new string('x', 100_000) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        using var kind = await Post("/api/screen", new { name = "x", kind = "robot" });
        Assert.Contains("unknown kind 'robot'", await kind.Content.ReadAsStringAsync());
        using var garbage = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        garbage.Headers.Add("X-Api-Key", "screener-key");
        using var garbageResponse = await _http.SendAsync(garbage);
        Assert.Equal(HttpStatusCode.BadRequest, garbageResponse.StatusCode);
        using (var problem = System.Text.Json.JsonDocument.Parse(await garbageResponse.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Malformed JSON", problem.RootElement.GetProperty("title").GetString());
            Assert.Contains("at line 1, byte 2", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = new StringContent("{\"name\": \"x\",\n \"threshold\": \"high\"}", System.Text.Encoding.UTF8, "application/json") };
        wrongType.Headers.Add("X-Api-Key", "screener-key");
        using var wrongTypeResponse = await _http.SendAsync(wrongType);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTypeResponse.StatusCode);
        Assert.Contains("line 2", await wrongTypeResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("threshold", await wrongTypeResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/screen/batch", "/match/default" })
        {
            using var raw = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("\u0000garbage{{", System.Text.Encoding.UTF8, "application/json") };
            raw.Headers.Add("X-Api-Key", "screener-key");
            using var rawResponse = await _http.SendAsync(raw);
            Assert.Equal(HttpStatusCode.BadRequest, rawResponse.StatusCode);
        }
        using var noParties = await Post("/api/screen/batch", new { parties = Array.Empty<object>() });
        Assert.Contains("at least one party", await noParties.Content.ReadAsStringAsync());
        using var noQueries = await Post("/match/default", new { queries = new { } });
        Assert.Contains("No queries provided", await noQueries.Content.ReadAsStringAsync()); // yente's words
        using var badThreshold = await Post("/api/screen", new { name = "x", threshold = 3 });
        Assert.Contains("threshold must be a number from 0 to 1", await badThreshold.Content.ReadAsStringAsync());
        using var tooMany = await Post("/api/screen/batch", new { parties = Enumerable.Range(0, 10_001).Select(i => new { name = "x" }).ToArray() });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Batch_answers_every_party()
    {
        using var response = await Post("/api/screen/batch", new { parties = new object[] { new { name = "Parchin Chemical Industries" }, new { name = "" }, new { name = "John Smith" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Contains(results[0].GetProperty("hits").EnumerateArray(), h => h.GetProperty("entityId").GetString() == "110354");
        Assert.Contains("name", results[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_yente_match_endpoint_speaks_yentes_shape()
    {
        var body = new { queries = new { q1 = new { schema = "Person", properties = new Dictionary<string, string[]> { ["name"] = ["Vladimir Putin"], ["nationality"] = ["ru"] } } } };
        using var response = await Post("/match/default", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var q1 = json.RootElement.GetProperty("responses").GetProperty("q1");
        Assert.Equal(200, q1.GetProperty("status").GetInt32());
        var first = q1.GetProperty("results").EnumerateArray().First();
        Assert.Equal("Person", first.GetProperty("schema").GetString());
        Assert.True(first.GetProperty("match").GetBoolean());
        Assert.True(first.GetProperty("score").GetDouble() >= 0.8);
        using var onlyUn = await Post("/match/un-sc", body);
        using var un = JsonDocument.Parse(await onlyUn.Content.ReadAsStringAsync());
        Assert.All(un.RootElement.GetProperty("responses").GetProperty("q1").GetProperty("results").EnumerateArray(),
            r => Assert.Equal("un-sc", r.GetProperty("datasets")[0].GetString()));
    }

    [Theory]
    [InlineData("/match/default?threshold=5")]
    [InlineData("/match/default?threshold=-0.2")]
    public async Task A_yente_threshold_outside_zero_to_one_is_refused_not_answered_empty(string path)
    {
        var body = new { queries = new { q1 = new { schema = "Person", properties = new Dictionary<string, string[]> { ["name"] = ["Vladimir Putin"] } } } };
        using var response = await Post(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("threshold must be a number from 0 to 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_lists_programmes_and_datasets_are_refused_naming_the_known_ones()
    {
        using var list = await Post("/api/screen", new { name = "ERIC BADEGE", lists = new[] { "un-sx" } });
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("un-sc", await list.Content.ReadAsStringAsync());
        using var programme = await Post("/api/screen", new { name = "ERIC BADEGE", programmes = new[] { "NOPE" } });
        Assert.Equal(HttpStatusCode.BadRequest, programme.StatusCode);
        Assert.Contains("DRCONGO", await programme.Content.ReadAsStringAsync());
        using var batch = await Post("/api/screen/batch", new { parties = new[] { new { name = "ERIC BADEGE" } }, lists = new[] { "un_sc" } });
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        using var nothingLeft = await Post("/api/screen", new { name = "ERIC BADEGE", lists = new[] { "un-sc" }, programmes = new[] { "RUSSIA-EO14024" } });
        Assert.Equal(HttpStatusCode.BadRequest, nothingLeft.StatusCode);
        Assert.Contains("nothing to screen", await nothingLeft.Content.ReadAsStringAsync());

        // The answer names exactly the snapshots it looked at.
        using var onlyUn = await Post("/api/screen", new { name = "ERIC BADEGE", lists = new[] { "un-sc" } });
        using var un = JsonDocument.Parse(await onlyUn.Content.ReadAsStringAsync());
        var snapshots = un.RootElement.GetProperty("snapshots").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Single(snapshots);
        Assert.All(un.RootElement.GetProperty("hits").EnumerateArray(), h => Assert.Equal(snapshots[0], h.GetProperty("snapshot").GetInt64()));

        var body = new { queries = new { q1 = new { schema = "Person", properties = new Dictionary<string, string[]> { ["name"] = ["ERIC BADEGE"] } } } };
        using var sanctions = await Post("/match/sanctions", body);
        Assert.Equal(HttpStatusCode.OK, sanctions.StatusCode);
        using (var json = JsonDocument.Parse(await sanctions.Content.ReadAsStringAsync()))
            Assert.NotEmpty(json.RootElement.GetProperty("responses").GetProperty("q1").GetProperty("results").EnumerateArray());
        using var unknown = await Post("/match/nonexistent", body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("sanctions", await unknown.Content.ReadAsStringAsync());
        // A collection none of whose lists is loaded is refused, not answered empty.
        using var exportControls = await Post("/match/export-controls", body);
        Assert.Equal(HttpStatusCode.NotFound, exportControls.StatusCode);
    }

    [Theory]
    [InlineData("/api/screen", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/screen", "wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("/api/screen", "screener-key", HttpStatusCode.OK)]
    [InlineData("/api/screen", "admin-key", HttpStatusCode.OK)]
    [InlineData("/api/screen/batch", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/screen/batch", "screener-key", HttpStatusCode.OK)]
    [InlineData("/api/screen/batch", "admin-key", HttpStatusCode.OK)]
    [InlineData("/match/default", null, HttpStatusCode.Unauthorized)]
    [InlineData("/match/default", "screener-key", HttpStatusCode.OK)]
    [InlineData("/match/default", "admin-key", HttpStatusCode.OK)]
    [InlineData("/api/admin/reload", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/admin/reload", "screener-key", HttpStatusCode.Forbidden)]
    [InlineData("/api/admin/reload", "admin-key", HttpStatusCode.OK)]
    [InlineData("/api/shipments/check", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/shipments/check", "wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("/api/shipments/check", "screener-key", HttpStatusCode.OK)]
    [InlineData("/api/shipments/check", "admin-key", HttpStatusCode.OK)]
    [InlineData("/api/classify", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/classify", "screener-key", HttpStatusCode.OK)]
    [InlineData("/api/classify", "admin-key", HttpStatusCode.OK)]
    public async Task Every_endpoint_checks_the_key_and_its_role(string path, string? key, HttpStatusCode expected)
    {
        object body = path switch
        {
            "/api/screen" => new { name = "Parchin Chemical Industries" },
            "/api/screen/batch" => new { parties = new[] { new { name = "Parchin Chemical Industries" } } },
            "/api/shipments/check" => Example("S23"),
            "/api/classify" => new { hs = "8457.10" },
            "/match/default" => new { queries = new { q = new { schema = "Company", properties = new Dictionary<string, string[]> { ["name"] = ["Parchin"] } } } },
            _ => new { },
        };
        using var response = await Post(path, body, key);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_are_open_and_describe_the_api()
    {
        using var health = await _http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await health.Content.ReadAsStringAsync());
        var openapi = await _http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/screen", openapi);
        Assert.Contains("/match/{dataset}", openapi);
        Assert.Contains("/api/shipments/check", openapi);
        Assert.Contains("/api/licensing/applications/{id}/{step}", openapi);
        Assert.Contains("/api/licensing/licences/{number}/usages", openapi);

        // How to sign in is declared, and each operation says it needs a key or Basic, and which permission.
        using var document = System.Text.Json.JsonDocument.Parse(openapi);
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("basic", schemes.GetProperty("Basic").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("WorkplaceCookie").GetProperty("in").GetString());
        var screen = document.RootElement.GetProperty("paths").GetProperty("/api/screen").GetProperty("post");
        var required = screen.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["ApiKey", "Basic"], required);
        Assert.Contains("Permission: Screen", screen.GetProperty("description").GetString());
        Assert.True(screen.GetProperty("responses").TryGetProperty("401", out _));

        // A page to read and try it, served by the server itself: its script is local, not from a third-party site.
        using var page = await _http.GetAsync("/api-reference/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Chokepoint API", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), script);
        using var js = await _http.GetAsync(new Uri(new Uri(_http.BaseAddress!, "/api-reference/v1"), script));
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference page's script is served");
    }

    [Fact]
    public async Task Without_lists_the_server_refuses_to_screen()
    {
        using var scratch = new Scratch();
        await (await SnapshotStores.OpenAsync(scratch.Path("empty.db"), CancellationToken.None)).DisposeAsync(); // a database, but no list in it
        await using var factory = Create(scratch.Path("empty.db"));
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = JsonContent.Create(new { name = "Vladimir Putin" }) };
        request.Headers.Add("X-Api-Key", "screener-key");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No list is loaded", await response.Content.ReadAsStringAsync());
    }

    private static string Example(string id) => File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", id + ".json"));

    [Fact]
    public async Task Shipment_check_returns_the_decision_with_its_reasons()
    {
        using var response = await Post("/api/shipments/check", Example("S22"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("PROHIBITED", root.GetProperty("decision").GetString());
        var us = root.GetProperty("jurisdictions").EnumerateArray().Single();
        Assert.Equal("US", us.GetProperty("jurisdiction").GetString());
        foreach (var field in new[] { "decision", "reasons", "legalBasis" }) Assert.True(us.TryGetProperty(field, out _), field);
        Assert.Contains(root.GetProperty("redFlags").EnumerateArray(), f => f.GetProperty("id").GetString() == "RF22" && f.GetProperty("message").GetString()!.Length > 0);
        Assert.True(root.TryGetProperty("obligations", out _));
        Assert.StartsWith("rules-", root.GetProperty("ruleDataVersion").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_shipments_get_a_400_and_oversize_a_413()
    {
        using var bad = await Post("/api/shipments/check", """{"exporter":{"name":"X","country":"China"},"items":[]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ISO 3166", await bad.Content.ReadAsStringAsync());
        using var garbage = await Post("/api/shipments/check", "\u0000not json");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        using var huge = await Post("/api/shipments/check", new string(' ', 1_100_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        using var classify = await Post("/api/classify", new { hs = "84x7" });
        Assert.Equal(HttpStatusCode.BadRequest, classify.StatusCode);
    }

    [Fact]
    public async Task Classify_ranks_Annex_I_candidates()
    {
        using var response = await Post("/api/classify", new { text = "unmanned aerial vehicle" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("9A012", json.RootElement.GetProperty("candidates")[0].GetProperty("code").GetString());
    }
}
