using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using System.Security.Claims;
using Chokepoint.Application.Monitoring;
using Chokepoint.Application.Screening;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Screening;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chokepoint.Server.Api;

/// <summary>A party as the JSON API takes it.</summary>
public sealed record ScreenRequest(
    string? Name, string? Kind = null, string? Country = null, string? Dob = null, string? Id = null,
    string[]? Lists = null, string[]? Programmes = null, double? Threshold = null, int? Limit = null);

public sealed record BatchRequest(ScreenRequest[] Parties, double? Threshold = null, int? Limit = null, string[]? Lists = null, string[]? Programmes = null);

public sealed record BatchResponse(IReadOnlyList<BatchItem> Results, string ScreenedBy);

/// <summary>POST /api/admin/lists/{id}/activate: why the snapshot is made to serve.</summary>
public sealed record ActivateRequest(string? Reason);

/// <summary>The snapshot now serving, the one it replaced, and what monitoring the register against the change found.</summary>
public sealed record ActivationResponse(SnapshotInfo Activated, SnapshotInfo? Previous, int Entities, MonitoringReport Monitoring);

public sealed record ReloadResponse(int Entities, bool Ready);

/// <summary>One party's outcome in a batch: its hits, or the reason it could not be screened.</summary>
public sealed record BatchItem(int Index, IReadOnlyList<ScreenHit>? Hits, string? Error, long? ScreeningId);

/// <summary>POST /api/screen, POST /api/screen/batch (up to 10,000 parties), and the list administration endpoints.
/// Failures are thrown and answered by <see cref="Problems"/>.</summary>
public static class ScreeningApi
{
    public const int MaxBatch = 10_000;

    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/screen", async Task<Ok<ScreenResult>> (ScreenRequest request, ScreeningService service, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var actor = ChokepointAuthentication.ActorOf(user);
                var (query, options) = Parse(request, null);
                var result = service.Screener.Screen(query, options) with { ScreenedBy = actor.Username };
                var ids = await desk.Screenings.RecordAsync(actor, "api", [(options, result)], ct);
                return TypedResults.Ok(result with { ScreeningId = ids[0] });
            })
            .RequirePermission(Permission.Screen)
            .WithSummary("Screen one party against the loaded lists");

        api.MapPost("/screen/batch", async Task<Ok<BatchResponse>> (BatchRequest request, ScreeningService service, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (request.Parties is null || request.Parties.Length == 0) throw new ArgumentException("'parties' must hold at least one party.");
                if (request.Parties.Length > MaxBatch) throw new ArgumentException($"A batch holds at most {MaxBatch:N0} parties; this one has {request.Parties.Length:N0}.");
                if (!service.Ready) throw new ScreeningUnavailableException("No list is loaded, so nobody can be cleared.");
                // The batch's own filter is checked once: an unknown list fails the request, not every party in it.
                service.Screener.Filter(new ScreenOptions { Lists = request.Lists ?? [], Programmes = request.Programmes ?? [] });
                var options = new ScreenOptions[request.Parties.Length];
                var outcomes = PartyBatch.Screen(service.Screener, request.Parties.Length, i =>
                {
                    var parsed = Parse(request.Parties[i], request);
                    options[i] = parsed.Item2;
                    return parsed;
                }, ct);
                var actor = ChokepointAuthentication.ActorOf(user);
                var ids = await desk.Screenings.RecordAsync(actor, "api batch", [.. outcomes.Select((o, i) => (options[i], o.Result))], ct);
                var results = outcomes.Select((o, i) => new BatchItem(i, o.Result?.Hits, o.Error, ids[i])).ToList();
                return TypedResults.Ok(new BatchResponse(results, actor.Username));
            })
            .RequirePermission(Permission.Screen)
            .WithSummary("Screen up to 10,000 parties; every party gets its hits or the reason it was not screened");

        api.MapPost("/admin/lists/{id:long}/activate", async Task<Results<Ok<ActivationResponse>, ProblemHttpResult>> (long id, ActivateRequest request,
            ScreeningService service, Chokepoint.Licensing.Audit.AuditService audit, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var reason = request.Reason?.Trim();
                if (string.IsNullOrEmpty(reason)) throw new ArgumentException("'reason' must say why the snapshot is activated.");
                var (activated, before) = await service.ActivateAsync(id, reason, ct);
                if (activated is null) return TypedResults.Problem($"There is no snapshot {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown snapshot");
                await audit.RecordListChangeAsync(ChokepointAuthentication.ActorOf(user), "list.activate", activated, before, reason, ct);
                await using var store = await service.OpenStoreAsync(ct);
                var monitoring = await desk.Run.RunAsync(store, full: false, ct, service.Screener.Index);
                return TypedResults.Ok(new ActivationResponse(activated, before, service.Screener.Index?.EntityCount ?? 0, monitoring));
            })
            .RequirePermission(Permission.ManageLists)
            .WithSummary("Make a list snapshot the one its list serves (roll back or forward), recorded in the audit trail; reload the index and monitor the register against the change");

        api.MapPost("/admin/reload", async Task<Ok<ReloadResponse>> (ScreeningService service, CancellationToken ct) =>
            {
                var entities = await service.ReloadAsync(ct);
                return TypedResults.Ok(new ReloadResponse(entities, service.Ready));
            })
            .RequirePermission(Permission.ManageLists)
            .WithSummary("Rebuild the screening index from the active snapshots");
    }

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
