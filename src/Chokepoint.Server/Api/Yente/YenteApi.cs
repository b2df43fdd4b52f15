using System.Security.Claims;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Values;
using Chokepoint.Matching.Screening;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chokepoint.Server.Api.Yente;

/// <summary>The request body of yente's POST /match/{dataset}: named example entities.</summary>
public sealed record YenteMatchRequest(Dictionary<string, YenteQuery?>? Queries, Dictionary<string, double>? Weights);

public sealed record YenteQuery(string? Schema, Dictionary<string, string[]>? Properties);

/// <summary>
/// OpenSanctions yente's API, so that clients written for it work unchanged: POST /match/{dataset}, GET
/// /search/{dataset}, GET /entities/{id}, GET /catalog (and /healthz, /readyz in Program). Request and response shapes,
/// query options and status codes are yente's; errors carry yente's "detail". The matcher is ours, whatever
/// algorithm is named. Every query is screened and on record like any other screening.
/// </summary>
public static class YenteApi
{
    /// <summary>yente's algorithm names: each is answered by Chokepoint's matcher, as the response's "matcher" says.</summary>
    private static readonly HashSet<string> Algorithms = new(["best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v2", "regression-v3"], StringComparer.Ordinal);

    /// <summary>FollowTheMoney's topic vocabulary (the part a screening list uses); only sanction and export.control are carried here.</summary>
    private static readonly HashSet<string> KnownTopics = new(["sanction", "sanction.linked", "sanction.counter", "export.control", "export.risk", "debarment",
        "crime", "crime.terror", "crime.war", "role.pep", "role.rca", "role.oligarch", "poi", "corp.shell", "gov.soe", "mil", "wanted"], StringComparer.Ordinal);

    private const int MaxMatches = 500, MaxSearch = 500, MaxExcludedIds = 50, MaxNamesPerQuery = 20;

    private static readonly Dictionary<string, object> Matcher = new()
    {
        ["name"] = Doc("Similarity of the closest pair of names, across scripts and transliterations (0..1)."),
        ["birthDate"] = Doc("A birth date that agrees raises the score; one that conflicts lowers it."),
        ["country"] = Doc("A country or nationality that agrees raises the score; one that differs lowers it."),
        ["identifier"] = Doc("An identical identifier (passport, registration, IMO, BIC ...) is a match."),
        ["kind"] = Doc("A query for a person against a company (or the reverse) lowers the score."),
    };

    private static object Doc(string description) => new { description, coefficient = (double?)null, url = (string?)null };

    public static void MapYenteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/match/{dataset}", MatchAsync).RequirePermission(Permission.Screen).WithSummary("yente: match example entities (POST /match/{dataset})");
        app.MapGet("/search/{dataset}", SearchAsync).RequirePermission(Permission.Screen).WithSummary("yente: search entries by a name (GET /search/{dataset})");
        app.MapGet("/entities/{id}", EntityAsync).RequirePermission(Permission.Screen).WithSummary("yente: one entry with its sanction, addresses and identifications");
        app.MapGet("/catalog", CatalogAsync).RequirePermission(Permission.Screen).WithSummary("yente: the datasets and collections served");
    }

    private static async Task<IResult> MatchAsync(string dataset, YenteMatchRequest request, ScreeningService service, Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user,
        double? threshold, double? cutoff, int? limit, string? algorithm, [FromQuery] string[]? topics,
        [FromQuery(Name = "include_dataset")] string[]? includeDataset, [FromQuery(Name = "exclude_dataset")] string[]? excludeDataset,
        [FromQuery(Name = "exclude_schema")] string[]? excludeSchema, [FromQuery(Name = "changed_since")] string? changedSince,
        [FromQuery(Name = "exclude_entity_ids")] string[]? excludeEntityIds, Application.Lists.EntryChanges changes, CancellationToken ct)
    {
        if (request.Queries is not { Count: > 0 }) throw new ArgumentException("No queries provided.");
        if (request.Queries.Count > ScreeningApi.MaxBatch) throw new ArgumentException($"Too many queries in one batch (limit: {ScreeningApi.MaxBatch}).");
        if (algorithm is not null && !Algorithms.Contains(algorithm))
            throw new ArgumentException($"Unknown algorithm '{algorithm}'; the known ones are {string.Join(", ", Algorithms.Order(StringComparer.Ordinal))}.");
        var since = changedSince is null ? (DateTimeOffset?)null : Since(changedSince);
        if (excludeEntityIds is { Length: > MaxExcludedIds }) throw new ArgumentException($"At most {MaxExcludedIds} exclude_entity_ids.");
        var take = limit ?? 5;
        if (take is < 1 or > MaxMatches) throw new ArgumentException($"limit must be from 1 to {MaxMatches}.");
        var match = ScreeningApi.Threshold(threshold);
        // Returned from the cutoff up (a cutoff above the threshold would hide matches); "match" from the threshold up.
        var floor = cutoff is { } c && c < match.Value ? ScreeningApi.Threshold(c) : match;
        if (!TryScope(service, dataset, includeDataset, excludeDataset, out var scope, out var missing)) return NotFound(missing);
        var filter = new ResultFilter(Schemata(excludeSchema), Topics(topics), excludeDataset ?? [], excludeEntityIds?.ToHashSet(StringComparer.Ordinal) ?? []);
        // Screened for more than the limit, so that results filtered out afterwards do not leave the answer short.
        var options = new ScreenOptions { Threshold = floor, Limit = Math.Min(MaxMatches, take * 3 + filter.Excluded), Lists = scope };

        await using var store = await service.OpenStoreAsync(ct);
        // changed_since keeps the entries new or different since then (EntryChanges), per snapshot a hit comes from.
        var changedIn = new Dictionary<long, IReadOnlySet<string>?>();
        async Task<bool> ChangedAsync(ScreenHit hit)
        {
            if (since is not { } day) return true;
            if (!changedIn.TryGetValue(hit.Snapshot, out var ids)) changedIn[hit.Snapshot] = ids = await changes.SinceAsync(store, hit.Snapshot, day, ct);
            return ids is null || ids.Contains(hit.EntityId);
        }
        var responses = new Dictionary<string, object>(StringComparer.Ordinal);
        var screened = new List<(ScreenOptions, ScreenResult?)>();
        foreach (var (key, example) in request.Queries)
        {
            if (example is null) continue;
            var queries = Read(example);
            var best = new Dictionary<(string List, string Id), ScreenHit>();
            foreach (var query in queries)
            {
                var result = service.Screener.Screen(query, options);
                screened.Add((options, result));
                foreach (var hit in result.Hits.Where(filter.Keeps))
                {
                    if (!await ChangedAsync(hit)) continue;
                    if (!best.TryGetValue((hit.List, hit.EntityId), out var seen) || seen.Score < hit.Score) best[(hit.List, hit.EntityId)] = hit;
                }
            }
            var ranked = best.Values.OrderByDescending(h => h.Score).ThenBy(h => h.List, StringComparer.Ordinal).ThenBy(h => h.EntityId, StringComparer.Ordinal).ToList();
            var results = new List<Dictionary<string, object?>>();
            foreach (var hit in ranked.Take(take))
            {
                var entity = await store.GetEntityAsync(hit.Snapshot, hit.EntityId, ct);
                var response = entity is null ? Bare(hit) : FtmEntity.Of(hit.List, entity.Entity, hit.SnapshotPublished, nested: false);
                response["score"] = Math.Round(hit.Score, 4);
                response["features"] = hit.Features.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Math.Round(g.Sum(f => f.Effect), 4));
                response["match"] = hit.Score >= match;
                response["explanation"] = hit.Explanation;
                results.Add(response);
            }
            responses[key] = new
            {
                status = 200,
                results,
                total = new { value = ranked.Count, relation = "eq" },
                query = new { id = (string?)null, schema = example.Schema ?? "Thing", properties = example.Properties ?? [] },
            };
        }
        await desk.Screenings.RecordAsync(ChokepointAuthentication.ActorOf(user), "yente", screened, ct);
        return Results.Ok(new { responses, matcher = Matcher, limit = take });
    }

    /// <summary>yente's changed_since: a day (2024-05-01, taken as its start in UTC) or a moment with its offset.</summary>
    private static DateTimeOffset Since(string text)
    {
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out var moment)) return moment;
        throw new ArgumentException($"changed_since '{text}' is not a date (2024-05-01) or a moment (2024-05-01T12:00:00Z).");
    }

    /// <summary>An example entity as the queries to screen: one per name (name, alias, weakAlias, previousName), with the
    /// first birth date, country and identifier it gives.</summary>
    private static List<PartyQuery> Read(YenteQuery example)
    {
        var schema = example.Schema ?? "Thing";
        if (!FtmEntity.QuerySchemata.TryGetValue(schema, out var kind))
            throw new ArgumentException($"Cannot parse example entity: unknown schema '{schema}'; give one of {string.Join(", ", FtmEntity.QuerySchemata.Keys)}.");
        var p = example.Properties ?? [];
        IEnumerable<string> All(params string[] names) =>
            names.SelectMany(n => p.GetValueOrDefault(n) ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal);
        var names = All("name", "alias", "weakAlias", "previousName", "firstName").ToList();
        var country = All("nationality", "citizenship", "country", "jurisdiction", "mainCountry").FirstOrDefault()
            ?? All("address").Select(a => Chokepoint.Matching.Normalising.Countries.ToCode(a.Split(',')[^1].Trim())).FirstOrDefault(c => c is not null);
        var dob = All("birthDate", "incorporationDate").FirstOrDefault();
        var id = All("idNumber", "registrationNumber", "taxNumber", "passportNumber", "imoNumber", "swiftBic", "innCode", "ogrnCode", "leiCode", "vatCode").FirstOrDefault();
        if (names.Count == 0 && id is null) throw new ArgumentException("Cannot parse example entity: it needs a name (name, alias ...) or an identifier (idNumber, registrationNumber ...).");
        if (names.Count > MaxNamesPerQuery) throw new ArgumentException($"Cannot parse example entity: at most {MaxNamesPerQuery} names per query.");
        return names.Count == 0 ? [new PartyQuery(null, kind, country, dob, id)] : [.. names.Select(n => new PartyQuery(n, kind, country, dob, id))];
    }

    private static async Task<IResult> SearchAsync(string dataset, string? q, string? schema, [FromQuery] string[]? countries, [FromQuery] string[]? topics, [FromQuery] string[]? datasets,
        int? limit, int? offset, bool? fuzzy, ScreeningService service, Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) throw new ArgumentException("Give the text to search for in q.");
        var (take, skip) = (limit ?? 10, offset ?? 0);
        if (take is < 0 or > MaxSearch || skip < 0 || skip + take > MaxSearch) throw new ArgumentException($"limit and offset reach at most {MaxSearch} results.");
        EntityKind? kind = null;
        if (schema is not null && !FtmEntity.QuerySchemata.TryGetValue(schema, out kind)) throw new ArgumentException("Invalid schema");
        if (!TryScope(service, dataset, datasets, null, out var scope, out var missing)) return NotFound(missing);
        var wanted = Topics(topics);
        var inCountries = countries?.Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) ?? [];
        // A search is a looser screening of the text as a name: fuzzy reaches further.
        var options = new ScreenOptions { Threshold = new Score(fuzzy == true ? 0.6 : 0.75), Limit = MaxSearch, Lists = scope };
        var result = service.Screener.Screen(new PartyQuery(q.Trim(), kind, null, null, null), options);
        await desk.Screenings.RecordAsync(ChokepointAuthentication.ActorOf(user), "yente search", [(options, result)], ct);

        await using var store = await service.OpenStoreAsync(ct);
        var found = new List<Dictionary<string, object?>>();
        foreach (var hit in result.Hits)
        {
            if (wanted.Count > 0 && !FtmEntity.Topics(hit.List).Any(wanted.Contains)) continue;
            var entity = await store.GetEntityAsync(hit.Snapshot, hit.EntityId, ct);
            var response = entity is null ? Bare(hit) : FtmEntity.Of(hit.List, entity.Entity, hit.SnapshotPublished, nested: false);
            if (inCountries.Count > 0 && !Values(response, "country", "nationality", "jurisdiction").Any(inCountries.Contains)) continue;
            found.Add(response);
        }
        return Results.Ok(new
        {
            results = found.Skip(skip).Take(take),
            facets = new Dictionary<string, object>
            {
                ["countries"] = Facet("Countries", found.SelectMany(r => Values(r, "country", "nationality", "jurisdiction").Distinct())),
                ["topics"] = Facet("Topics", found.SelectMany(r => Values(r, "topics"))),
                ["datasets"] = Facet("Data sources", found.SelectMany(r => (string[])r["datasets"]!)),
            },
            total = new { value = found.Count, relation = "eq" },
            limit = take,
            offset = skip,
        });
    }

    private static async Task<IResult> EntityAsync(string id, bool? nested, ScreeningService service, CancellationToken ct)
    {
        if (!EntityRef.TryParse(id, out var reference)) return NotFound("No such entity!");
        await using var store = await service.OpenStoreAsync(ct);
        var snapshot = (await store.ListAsync(activeOnly: true, ct)).FirstOrDefault(s => s.Dataset == reference.Dataset);
        var entity = snapshot is null ? null : await store.GetEntityAsync(snapshot.Id.Value, reference.SourceId, ct);
        return entity is null ? NotFound("No such entity!") : Results.Ok(FtmEntity.Of(reference.Dataset.Value, entity.Entity, snapshot!.Published, nested ?? true));
    }

    private static async Task<IResult> CatalogAsync(ScreeningService service, CancellationToken ct)
    {
        await using var store = await service.OpenStoreAsync(ct);
        var active = await store.ListAsync(activeOnly: true, ct);
        var names = active.Select(s => s.Dataset.Value).ToHashSet(StringComparer.Ordinal);
        var lists = active.Select(s => (object)new
        {
            name = s.Dataset.Value, title = s.Dataset.Value, summary = (string?)null, url = (string?)null, load = true, entities_url = (string?)null,
            version = $"{s.Published:yyyyMMdd}-{s.Id}", index_version = $"{s.Published:yyyyMMdd}-{s.Id}", index_current = true, children = Array.Empty<string>(),
        });
        var collections = ListCollections.All.Select(c => (Name: c.Key, Children: c.Value.Where(names.Contains).ToArray())).Append((Name: ListCollections.Default, Children: names.Order(StringComparer.Ordinal).ToArray()))
            .Select(c => (object)new
            {
                name = c.Name, title = c.Name, summary = (string?)null, url = (string?)null, load = true, entities_url = (string?)null,
                version = "", index_version = (string?)null, index_current = true, children = c.Children,
            });
        return Results.Ok(new { datasets = lists.Concat(collections), current = names.Order(StringComparer.Ordinal), outdated = Array.Empty<string>(), index_stale = false });
    }

    /// <summary>The lists a request screens: the path's dataset or collection, narrowed to include_dataset; a path
    /// that names nothing served is yente's 404. An unknown name in include or exclude is a bad request, never an empty answer.</summary>
    private static bool TryScope(ScreeningService service, string dataset, string[]? include, string[]? exclude, out IReadOnlyCollection<string> scope, out string missing)
    {
        (scope, missing) = (dataset == ListCollections.Default ? [] : [dataset], "");
        try
        {
            service.Screener.Filter(new ScreenOptions { Lists = scope });
        }
        catch (UnknownScreeningFilterException e)
        {
            missing = $"No such dataset: '{dataset}'. {e.Message}";
            return false;
        }
        foreach (var name in (include ?? []).Concat(exclude ?? []))
            service.Screener.Filter(new ScreenOptions { Lists = [name] }); // throws, naming the known ones: a 400
        if (include is { Length: > 0 }) scope = include;
        return true;
    }

    private static HashSet<string> Schemata(string[]? schemata)
    {
        var unknown = (schemata ?? []).Where(s => !FtmEntity.QuerySchemata.ContainsKey(s)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown schema {string.Join(", ", unknown)} in exclude_schema; give any of {string.Join(", ", FtmEntity.QuerySchemata.Keys)}.");
        return [.. schemata ?? []];
    }

    private static HashSet<string> Topics(string[]? topics)
    {
        var unknown = (topics ?? []).Where(t => !KnownTopics.Contains(t)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown topic {string.Join(", ", unknown)}; FollowTheMoney's include {string.Join(", ", KnownTopics.Order(StringComparer.Ordinal))}.");
        return [.. topics ?? []];
    }

    private sealed record ResultFilter(HashSet<string> Schemata, HashSet<string> Topics, string[] Datasets, HashSet<string> Ids)
    {
        public int Excluded => Ids.Count;

        public bool Keeps(ScreenHit hit) =>
            !Schemata.Contains(FtmEntity.Schema(hit.Kind))
            && (Topics.Count == 0 || FtmEntity.Topics(hit.List).Any(Topics.Contains))
            && !Datasets.Contains(hit.List) && !Ids.Contains(FtmEntity.Id(hit.List, hit.EntityId));
    }

    /// <summary>A hit whose entry could not be read back (a snapshot retired meanwhile): what the hit itself says.</summary>
    private static Dictionary<string, object?> Bare(ScreenHit hit) => new(StringComparer.Ordinal)
    {
        ["id"] = FtmEntity.Id(hit.List, hit.EntityId), ["caption"] = hit.Name, ["schema"] = FtmEntity.Schema(hit.Kind),
        ["properties"] = new Dictionary<string, List<object>> { ["name"] = [hit.Name], ["programId"] = [.. hit.Programmes], ["topics"] = [.. FtmEntity.Topics(hit.List)] },
        ["datasets"] = new[] { hit.List }, ["referents"] = Array.Empty<string>(), ["target"] = true,
    };

    private static IEnumerable<string> Values(Dictionary<string, object?> entity, params string[] properties) =>
        properties.SelectMany(p => ((Dictionary<string, List<object>>)entity["properties"]!).GetValueOrDefault(p) ?? []).OfType<string>();

    private static object Facet(string label, IEnumerable<string> values) => new
    {
        label,
        values = values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { name = g.Key, label = g.Key, count = g.Count() }),
    };

    private static IResult NotFound(string detail) => Results.Json(new { detail }, statusCode: StatusCodes.Status404NotFound);
}
