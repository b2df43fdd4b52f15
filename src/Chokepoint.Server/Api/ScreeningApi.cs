using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Server.Api;

/// <summary>A party as the JSON API takes it.</summary>
public sealed record ScreenRequest(
    string? Name, string? Kind = null, string? Country = null, string? Dob = null, string? Id = null,
    string[]? Lists = null, string[]? Programmes = null, double? Threshold = null, int? Limit = null);

public sealed record BatchRequest(ScreenRequest[] Parties, double? Threshold = null, int? Limit = null, string[]? Lists = null, string[]? Programmes = null);

public sealed record BatchResponse(IReadOnlyList<BatchItem> Results);

/// <summary>POST /api/admin/lists/{id}/activate: why the snapshot is made to serve.</summary>
public sealed record ActivateRequest(string? Reason);

/// <summary>One party's outcome in a batch: its hits, or the reason it could not be screened.</summary>
public sealed record BatchItem(int Index, IReadOnlyList<ScreenHit>? Hits, string? Error);

/// <summary>POST /api/screen, POST /api/screen/batch (up to 10,000 parties), POST /api/admin/reload.</summary>
public static class ScreeningApi
{
    public const int MaxBatch = 10_000;

    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/screen", (ScreenRequest request, ScreeningService service) =>
            Run(() =>
            {
                var (query, options) = Parse(request, null);
                return Results.Ok(service.Screener.Screen(query, options));
            }))
            .WithSummary("Screen one party against the loaded lists");

        api.MapPost("/screen/batch", (BatchRequest request, ScreeningService service) =>
            Run(() =>
            {
                if (request.Parties is null || request.Parties.Length == 0) throw new ArgumentException("'parties' must hold at least one party.");
                if (request.Parties.Length > MaxBatch) throw new ArgumentException($"A batch holds at most {MaxBatch:N0} parties; this one has {request.Parties.Length:N0}.");
                if (!service.Ready) throw new ScreeningUnavailableException("No list is loaded, so nobody can be cleared.");
                // The batch's own filter is checked once: an unknown list fails the request, not every party in it.
                service.Screener.Filter(new ScreenOptions { Lists = request.Lists ?? [], Programmes = request.Programmes ?? [] });
                var results = new BatchItem[request.Parties.Length];
                Parallel.For(0, results.Length, i =>
                {
                    try
                    {
                        var (query, options) = Parse(request.Parties[i], request);
                        results[i] = new BatchItem(i, service.Screener.Screen(query, options).Hits, null);
                    }
                    catch (ArgumentException e)
                    {
                        results[i] = new BatchItem(i, null, e.Message);
                    }
                });
                return Results.Ok(new BatchResponse(results));
            }))
            .WithSummary("Screen up to 10,000 parties; every party gets its hits or the reason it was not screened");

        api.MapPost("/admin/lists/{id:long}/activate", async (long id, ActivateRequest request, ScreeningService service,
            Chokepoint.Licensing.Audit.AuditService audit, CancellationToken ct) =>
        {
            var reason = request.Reason?.Trim();
            if (string.IsNullOrEmpty(reason)) return Results.Problem("'reason' must say why the snapshot is activated.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
            var (activated, before) = await service.ActivateAsync(id, reason, ct);
            if (activated is null) return Results.Problem($"There is no snapshot {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown snapshot");
            await audit.RecordListChangeAsync(new Chokepoint.Licensing.Accounts.Actor(0, "api admin key", Chokepoint.Licensing.Accounts.Roles.Administrator, 0),
                "list.activate", activated, before, reason, ct);
            return Results.Ok(new { activated, previous = before, entities = service.Screener.Index?.EntityCount ?? 0 });
        }).WithSummary("Make a list snapshot the one its list serves (roll back or forward), recorded in the audit trail, and reload the index (admin)");

        api.MapPost("/admin/reload", async (ScreeningService service, CancellationToken ct) =>
        {
            var entities = await service.ReloadAsync(ct);
            return Results.Ok(new { entities, ready = service.Ready });
        }).WithSummary("Rebuild the screening index from the active snapshots (admin)");
    }

    internal static IResult Run(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Problem(e) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>What screening's own failures answer: no list loaded is 503, a bad request (an unknown list among
    /// them) is 400; null for anything else.</summary>
    internal static IResult? Problem(Exception e) => e switch
    {
        ScreeningUnavailableException => Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No list loaded"),
        ArgumentException => Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request"),
        _ => null,
    };

    /// <summary>A threshold outside 0..1 would silently report nothing (or everything): it is a bad request.</summary>
    internal static Score Threshold(double? given) =>
        given is null ? ScreenOptions.Default
        : given is >= 0 and <= 1 ? new Score(given.Value)
        : throw new ArgumentException($"threshold must be a number from 0 to 1, such as 0.85; {given} was given.");

    internal static (PartyQuery, ScreenOptions) Parse(ScreenRequest r, BatchRequest? batch)
    {
        var kind = PartyKinds.Parse(r.Kind);
        var threshold = Threshold(r.Threshold ?? batch?.Threshold);
        var limit = r.Limit ?? batch?.Limit ?? 10;
        if (limit is < 1 or > 100) throw new ArgumentException("limit must be between 1 and 100.");
        return (new PartyQuery(r.Name, kind, r.Country, r.Dob, r.Id), new ScreenOptions
        {
            Threshold = threshold,
            Limit = limit,
            Lists = r.Lists ?? batch?.Lists ?? [],
            Programmes = r.Programmes ?? batch?.Programmes ?? [],
        });
    }
}
