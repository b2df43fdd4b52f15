using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using Chokepoint.Server.Security;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Server.Api;

/// <summary>The request body of OpenSanctions yente's POST /match/{dataset}: named FollowTheMoney-style queries.</summary>
public sealed record YenteMatchRequest(Dictionary<string, YenteQuery> Queries);

public sealed record YenteQuery(string? Schema, Dictionary<string, string[]>? Properties);

/// <summary>
/// POST /match/{dataset} with yente's request and response shapes, so clients written for yente can switch. "default"
/// screens all lists, a collection ("sanctions", "export-controls": Data/collections.tsv) its loaded lists, a dataset
/// id that dataset; any other name answers 404 with the known ones. Properties read: name (and alias), birthDate,
/// nationality / country / jurisdiction, idNumber / registrationNumber / taxNumber / imoNumber / swiftBic.
/// </summary>
public static class YenteApi
{
    public static void MapYenteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/match/{dataset}", async (string dataset, YenteMatchRequest request, ScreeningService service, Chokepoint.Application.Monitoring.MonitoringDesk desk,
            System.Security.Claims.ClaimsPrincipal user, double? threshold, int? limit, CancellationToken ct) =>
            {
                if (request.Queries is null || request.Queries.Count == 0) throw new ArgumentException("'queries' must hold at least one query.");
                if (request.Queries.Count > ScreeningApi.MaxBatch) throw new ArgumentException($"At most {ScreeningApi.MaxBatch:N0} queries per request.");
                var options = new ScreenOptions
                {
                    Threshold = ScreeningApi.Threshold(threshold),
                    Limit = limit ?? 5,
                    Lists = dataset == ListCollections.Default ? [] : [dataset],
                };
                try
                {
                    service.Screener.Filter(options);
                }
                catch (UnknownScreeningFilterException e)
                {
                    // yente answers an unknown dataset with 404; so do we, naming the ones it could have been.
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Unknown dataset");
                }
                var responses = new Dictionary<string, object>();
                var screened = new List<(ScreenOptions, ScreenResult?)>();
                foreach (var (key, q) in request.Queries)
                {
                    string? First(params string[] names) => names.Select(n => q.Properties?.GetValueOrDefault(n)?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))).FirstOrDefault(v => v is not null);
                    var kind = PartyKinds.TryParse(q.Schema);
                    var query = new PartyQuery(First("name", "alias"), kind, First("nationality", "country", "jurisdiction"), First("birthDate"),
                        First("idNumber", "registrationNumber", "taxNumber", "imoNumber", "swiftBic", "passportNumber"));
                    var result = service.Screener.Screen(query, options);
                    screened.Add((options, result));
                    var hits = result.Hits;
                    responses[key] = new
                    {
                        status = 200,
                        results = hits.Select(h => new
                        {
                            id = new EntityRef(DatasetId.Parse(h.List), h.EntityId).ToString(),
                            caption = h.Name,
                            schema = Schema(h.Kind),
                            properties = new Dictionary<string, string[]> { ["name"] = [h.Name], ["topics"] = ["sanction"] },
                            datasets = new[] { h.List },
                            score = h.Score,
                            match = h.Score >= options.Threshold,
                            features = h.Features.ToDictionary(f => f.Name, f => f.Effect),
                            explanation = h.Explanation,
                        }),
                        total = new { value = hits.Count, relation = "eq" },
                        query = new { schema = q.Schema, properties = q.Properties },
                    };
                }
                // Every query is on record like any screening (yente's own response shape has no place for the ids).
                await desk.Screenings.RecordAsync(ChokepointAuthentication.ActorOf(user), "yente", screened, ct);
                return Results.Ok(new { responses, limit = options.Limit });
            })
            .RequirePermission(Permission.Screen)
            .WithSummary("yente-compatible matching: POST /match/{dataset}");
    }

    private static string Schema(EntityKind kind) => kind switch
    {
        EntityKind.Person => "Person",
        EntityKind.Organization => "Organization",
        EntityKind.Vessel => "Vessel",
        EntityKind.Aircraft => "Airplane",
        _ => "LegalEntity",
    };
}
