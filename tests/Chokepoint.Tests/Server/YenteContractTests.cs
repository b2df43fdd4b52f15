using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>
/// yente's API contract: requests written as yente's documentation writes them, answered in yente's shapes and status
/// codes; and a small client of ours that knows only yente's documented models, run unchanged against Chokepoint.
/// </summary>
public sealed class YenteContractTests : IAsyncLifetime
{
    private LicensingServer _s = null!;

    public async ValueTask InitializeAsync() => _s = await LicensingServer.StartAsync(Stores.Sqlite);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task The_documented_match_example_is_answered_in_yentes_shape()
    {
        // The example of yente's /match documentation, as written there.
        const string request = """
            {"queries": {
                "entity1": {"schema": "Person", "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
                "entity2": {"schema": "Company", "properties": {"name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"], "registrationNumber": ["84BA99810"]}}
            }}
            """;
        var answer = await _s.OkAsync(HttpMethod.Post, "/match/default", "compliance", request);
        Assert.Equal(5, answer.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Object, answer.GetProperty("matcher").ValueKind);
        foreach (var key in new[] { "entity1", "entity2" })
        {
            var response = answer.GetProperty("responses").GetProperty(key);
            Assert.Equal(200, response.GetProperty("status").GetInt32());
            Assert.Equal(JsonValueKind.Array, response.GetProperty("results").ValueKind);
            Assert.Equal("eq", response.GetProperty("total").GetProperty("relation").GetString());
            Assert.Equal(response.GetProperty("results").GetArrayLength(), Math.Min(5, response.GetProperty("total").GetProperty("value").GetInt32()));
        }
        Assert.Equal("Company", answer.GetProperty("responses").GetProperty("entity2").GetProperty("query").GetProperty("schema").GetString());
        Assert.Equal("84BA99810", answer.GetProperty("responses").GetProperty("entity2").GetProperty("query").GetProperty("properties").GetProperty("registrationNumber")[0].GetString());
    }

    [Fact]
    public async Task Every_name_and_property_of_a_query_is_used_and_results_carry_every_property()
    {
        // Only the second name is on a list: every name is screened, not the first alone.
        var answer = await MatchAsync("/match/default", Person(["xxxx qqqq", "ERIC BADEGE"], nationality: "cd"));
        var results = answer.GetProperty("responses").GetProperty("q").GetProperty("results");
        var top = results[0];
        Assert.Contains("BADEGE", top.GetProperty("caption").GetString());
        Assert.True(top.GetProperty("match").GetBoolean());
        Assert.True(top.GetProperty("features").TryGetProperty("name", out _));
        Assert.True(top.GetProperty("features").TryGetProperty("country", out _), top.GetProperty("features").ToString()); // nationality was used
        var properties = top.GetProperty("properties");
        foreach (var property in new[] { "name", "programId", "topics" }) Assert.True(properties.TryGetProperty(property, out _), property);
        Assert.Contains("sanction", properties.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.True(properties.EnumerateObject().Count() > 3, properties.ToString());
        Assert.Equal(top.GetProperty("id").GetString()!.Split(':')[0], top.GetProperty("datasets")[0].GetString());
    }

    [Fact]
    public async Task Threshold_cutoff_datasets_schemata_topics_and_excluded_ids_narrow_the_results()
    {
        var query = Person(["ERIC BADEGE"]);
        var all = (await MatchAsync("/match/default?limit=20", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.True(all.GetArrayLength() >= 2, all.ToString());
        var ids = all.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

        // A threshold above every score: still returned from the cutoff up, but none is a match.
        var strict = (await MatchAsync("/match/default?threshold=0.999&cutoff=0.5", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.True(strict.GetArrayLength() > 0);
        Assert.All(strict.EnumerateArray(), r => Assert.Equal(r.GetProperty("score").GetDouble() >= 0.999, r.GetProperty("match").GetBoolean()));

        var onlyUn = (await MatchAsync("/match/default?include_dataset=un-sc&limit=20", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.All(onlyUn.EnumerateArray(), r => Assert.Equal("un-sc", r.GetProperty("datasets")[0].GetString()));
        var notUn = (await MatchAsync("/match/default?exclude_dataset=un-sc&limit=20", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.DoesNotContain(notUn.EnumerateArray(), r => r.GetProperty("datasets")[0].GetString() == "un-sc");
        Assert.Equal(all.GetArrayLength(), onlyUn.GetArrayLength() + notUn.GetArrayLength());

        var noPersons = (await MatchAsync("/match/default?exclude_schema=Person&limit=20", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.DoesNotContain(noPersons.EnumerateArray(), r => r.GetProperty("schema").GetString() == "Person");
        var sanctioned = (await MatchAsync("/match/default?topics=sanction&limit=20", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.Equal(all.GetArrayLength(), sanctioned.GetArrayLength());
        var peps = (await MatchAsync("/match/default?topics=role.pep", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.Equal(0, peps.GetArrayLength()); // a real topic that no list here carries

        var without = (await MatchAsync($"/match/default?limit=20&exclude_entity_ids={Uri.EscapeDataString(ids[0])}", query)).GetProperty("responses").GetProperty("q").GetProperty("results");
        Assert.DoesNotContain(without.EnumerateArray(), r => r.GetProperty("id").GetString() == ids[0]);
        Assert.Equal(all.GetArrayLength() - 1, without.GetArrayLength());

        var byAlgorithm = await MatchAsync("/match/default?algorithm=logic-v1", query);
        Assert.Equal(all[0].GetProperty("id").GetString(), byAlgorithm.GetProperty("responses").GetProperty("q").GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/match/nonsense", 404, "No such dataset")]
    [InlineData("/match/default?algorithm=magic", 400, "Unknown algorithm")]
    [InlineData("/match/default?include_dataset=nonsense", 400, "nonsense")]
    [InlineData("/match/default?exclude_schema=Robot", 400, "Unknown schema")]
    [InlineData("/match/default?topics=bogus", 400, "Unknown topic")]
    [InlineData("/match/default?changed_since=last%20week", 400, "changed_since 'last week' is not a date")]
    [InlineData("/match/default?exclude_dataset=nonsense", 400, "nonsense")]
    [InlineData("/match/default?limit=0", 400, "limit")]
    public async Task Bad_options_are_refused_with_yentes_detail(string path, int status, string detail)
    {
        var (code, body) = await _s.StatusAsync(HttpMethod.Post, path, "compliance", Person(["ERIC BADEGE"]));
        Assert.Equal(status, code);
        Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Changed_since_keeps_the_entries_new_or_different_since_the_day()
    {
        // ERIC BADEGE is on both lists here: the SDN snapshot was published 2024-05-03, the UN one 2026-02-27, each the
        // first of its list. Since 2025 the SDN list has not changed; the UN list is new in all its entries.
        static IEnumerable<string?> Lists(JsonElement answer) =>
            answer.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("datasets")[0].GetString()).Distinct();
        Assert.Equal(["un-sc", "us-ofac-sdn"], Lists(await MatchAsync("/match/default", Person(["ERIC BADEGE"]))).Order());
        Assert.Equal(["un-sc"], Lists(await MatchAsync("/match/default?changed_since=2025-01-01", Person(["ERIC BADEGE"]))));
        Assert.Equal(["un-sc"], Lists(await MatchAsync("/match/default?changed_since=2025-01-01T12:00:00%2B02:00", Person(["ERIC BADEGE"]))));
        Assert.Equal(["un-sc", "us-ofac-sdn"], Lists(await MatchAsync("/match/default?changed_since=2024-05-02", Person(["ERIC BADEGE"]))).Order());
        Assert.Empty(Lists(await MatchAsync("/match/default?changed_since=2030-01-01", Person(["ERIC BADEGE"]))));
    }

    [Fact]
    public async Task A_query_without_a_name_or_id_or_of_an_unknown_schema_is_refused()
    {
        var (code, body) = await _s.StatusAsync(HttpMethod.Post, "/match/default", "compliance",
            new { queries = new { q = new { schema = "Person", properties = new Dictionary<string, string[]> { ["birthDate"] = ["1970"] } } } });
        Assert.Equal(400, code);
        Assert.Contains("Cannot parse example entity", body);
        var schema = await _s.StatusAsync(HttpMethod.Post, "/match/default", "compliance",
            new { queries = new { q = new { schema = "Spaceship", properties = new Dictionary<string, string[]> { ["name"] = ["X"] } } } });
        Assert.Equal(400, schema.Status);
        Assert.Contains("unknown schema 'Spaceship'", schema.Body);
        Assert.Equal(400, (await _s.StatusAsync(HttpMethod.Post, "/match/default", "compliance", new { queries = new { } })).Status);
        Assert.Equal(401, (await _s.StatusAsync(HttpMethod.Post, "/match/default", null, Person(["X"]))).Status);
    }

    [Fact]
    public async Task Search_entities_catalog_and_health_answer_in_yentes_shape()
    {
        var search = await _s.OkAsync(HttpMethod.Get, "/search/default?q=ERIC%20BADEGE&limit=1", "compliance");
        Assert.Equal(1, search.GetProperty("results").GetArrayLength());
        Assert.True(search.GetProperty("total").GetProperty("value").GetInt32() >= 1);
        Assert.Equal(1, search.GetProperty("limit").GetInt32());
        Assert.Equal(0, search.GetProperty("offset").GetInt32());
        foreach (var facet in new[] { "countries", "topics", "datasets" })
            Assert.Equal(JsonValueKind.Array, search.GetProperty("facets").GetProperty(facet).GetProperty("values").ValueKind);
        var paged = await _s.OkAsync(HttpMethod.Get, "/search/default?q=ERIC%20BADEGE&limit=1&offset=1", "compliance");
        Assert.NotEqual(search.GetProperty("results")[0].GetProperty("id").GetString(), paged.GetProperty("results").EnumerateArray().FirstOrDefault().ValueKind == JsonValueKind.Undefined ? null : paged.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(400, (await _s.StatusAsync(HttpMethod.Get, "/search/default?q=", "compliance")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/search/nonsense?q=x", "compliance")).Status);

        var id = search.GetProperty("results")[0].GetProperty("id").GetString()!;
        var entity = await _s.OkAsync(HttpMethod.Get, $"/entities/{Uri.EscapeDataString(id)}", "compliance");
        Assert.Equal(id, entity.GetProperty("id").GetString());
        var sanction = entity.GetProperty("properties").GetProperty("sanctions")[0];
        Assert.Equal("Sanction", sanction.GetProperty("schema").GetString());
        Assert.Equal(id, sanction.GetProperty("properties").GetProperty("entity")[0].GetString());
        var flat = await _s.OkAsync(HttpMethod.Get, $"/entities/{Uri.EscapeDataString(id)}?nested=false", "compliance");
        Assert.False(flat.GetProperty("properties").TryGetProperty("sanctions", out _));
        var missing = await _s.StatusAsync(HttpMethod.Get, "/entities/us-ofac-sdn:999999999", "compliance");
        Assert.Equal(404, missing.Status);
        Assert.Equal("No such entity!", JsonDocument.Parse(missing.Body).RootElement.GetProperty("detail").GetString());
        foreach (var bad in new[] { "no-colon-here", "no-such-list:1", ":", "%E2%80%AE" })
            Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, $"/entities/{bad}", "compliance")).Status);

        var catalog = await _s.OkAsync(HttpMethod.Get, "/catalog", "compliance");
        var names = catalog.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains("us-ofac-sdn", names);
        Assert.Contains("default", names);
        Assert.Contains("us-ofac-sdn", catalog.GetProperty("current").EnumerateArray().Select(d => d.GetString()));
        Assert.False(catalog.GetProperty("index_stale").GetBoolean());

        Assert.Equal("ok", JsonDocument.Parse((await _s.StatusAsync(HttpMethod.Get, "/healthz", null)).Body).RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", JsonDocument.Parse((await _s.StatusAsync(HttpMethod.Get, "/readyz", null)).Body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_written_against_yentes_documented_models_runs_unchanged()
    {
        // The client knows yente's models only (EntityMatchQuery in, EntityMatchResponse out, EntityResponse), with
        // yente's own field names, and fails on a missing required field as a pydantic-minded client would.
        var client = new YenteClient(_s.Http, _s.Keys["compliance"]);
        var screened = await client.ScreenAsync(["ERIC BADEGE", "Maria Nobody-Atall", "BANCO NACIONAL DE CUBA"]);
        Assert.True(screened["ERIC BADEGE"].Count > 0);
        Assert.Empty(screened["Maria Nobody-Atall"]);
        Assert.True(screened["BANCO NACIONAL DE CUBA"].Count > 0);
        var entity = await client.EntityAsync(screened["ERIC BADEGE"][0].Id);
        Assert.Equal(screened["ERIC BADEGE"][0].Id, entity.Id);
        Assert.NotEmpty(entity.Properties["name"]);
    }

    private Task<JsonElement> MatchAsync(string path, object body) => _s.OkAsync(HttpMethod.Post, path, "compliance", body);

    private static object Person(string[] names, string? nationality = null)
    {
        var properties = new Dictionary<string, string[]> { ["name"] = names };
        if (nationality is not null) properties["nationality"] = [nationality];
        return new { queries = new { q = new { schema = "Person", properties } } };
    }

    /// <summary>A yente client as its users write one: the documented models and nothing of Chokepoint's.</summary>
    private sealed class YenteClient(HttpClient http, string key)
    {
        public sealed record EntityExample([property: JsonPropertyName("schema")] string Schema, [property: JsonPropertyName("properties")] Dictionary<string, string[]> Properties);
        public sealed record EntityMatchQuery([property: JsonPropertyName("queries")] Dictionary<string, EntityExample> Queries);
        public sealed record TotalSpec([property: JsonPropertyName("value"), JsonRequired] int Value, [property: JsonPropertyName("relation"), JsonRequired] string Relation);
        public sealed record ScoredEntityResponse(
            [property: JsonPropertyName("id"), JsonRequired] string Id, [property: JsonPropertyName("caption"), JsonRequired] string Caption,
            [property: JsonPropertyName("schema"), JsonRequired] string Schema, [property: JsonPropertyName("properties"), JsonRequired] Dictionary<string, JsonElement[]> Properties,
            [property: JsonPropertyName("datasets")] string[] Datasets, [property: JsonPropertyName("score"), JsonRequired] double Score,
            [property: JsonPropertyName("match"), JsonRequired] bool Match, [property: JsonPropertyName("features"), JsonRequired] Dictionary<string, double> Features);
        public sealed record EntityMatches([property: JsonPropertyName("status"), JsonRequired] int Status,
            [property: JsonPropertyName("results"), JsonRequired] List<ScoredEntityResponse> Results, [property: JsonPropertyName("total"), JsonRequired] TotalSpec Total);
        public sealed record EntityMatchResponse([property: JsonPropertyName("responses"), JsonRequired] Dictionary<string, EntityMatches> Responses,
            [property: JsonPropertyName("limit"), JsonRequired] int Limit);
        public sealed record EntityResponse([property: JsonPropertyName("id"), JsonRequired] string Id, [property: JsonPropertyName("caption"), JsonRequired] string Caption,
            [property: JsonPropertyName("schema"), JsonRequired] string Schema, [property: JsonPropertyName("properties"), JsonRequired] Dictionary<string, JsonElement[]> Properties);

        public async Task<Dictionary<string, List<ScoredEntityResponse>>> ScreenAsync(IReadOnlyList<string> names)
        {
            var body = new EntityMatchQuery(names.Select((n, i) => (n, i)).ToDictionary(x => $"q{x.i}", x => new EntityExample("LegalEntity", new() { ["name"] = [x.n] })));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/match/default?algorithm=best") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Api-Key", key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var answer = (await response.Content.ReadFromJsonAsync<EntityMatchResponse>())!;
            return names.Select((n, i) => (n, answer.Responses[$"q{i}"])).ToDictionary(x => x.n, x => x.Item2.Results.Where(r => r.Match).ToList());
        }

        public async Task<EntityResponse> EntityAsync(string id)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/entities/{Uri.EscapeDataString(id)}");
            request.Headers.Add("X-Api-Key", key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<EntityResponse>())!;
        }
    }
}
