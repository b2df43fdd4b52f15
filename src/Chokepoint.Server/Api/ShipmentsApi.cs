using System.Security.Claims;
using Chokepoint.Application.Decisions;
using Chokepoint.Core.Identity;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Shipments;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chokepoint.Server.Api;

public sealed record ClassifyRequest(string? Hs = null, string? Text = null, Dictionary<string, bool>? Answers = null, DateOnly? Date = null);

/// <summary>POST /api/shipments/check and POST /api/classify. Failures are thrown and answered by <see cref="Problems"/>:
/// a bad shipment is 400, missing or unreadable goods data and lists not loaded 503.</summary>
public static class ShipmentsApi
{
    public static void MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/shipments/check", async Task<Results<Ok<ShipmentDecision>, ProblemHttpResult>> (HttpRequest request, DecisionDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                // Read as text first, so that the strict shipment reader gives its own errors with paths and a size bound.
                using var reader = new StreamReader(request.Body);
                var buffer = new char[ShipmentJson.MaxBytes + 1];
                var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
                if (read > ShipmentJson.MaxBytes)
                    return TypedResults.Problem($"The shipment is larger than {ShipmentJson.MaxBytes:N0} characters.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
                var shipment = ShipmentJson.Parse(new string(buffer, 0, read));
                return TypedResults.Ok(await desk.CheckAsync(shipment, ChokepointAuthentication.ActorOf(user), ct));
            })
            .RequirePermission(Permission.CheckShipments)
            .Accepts<Shipment>("application/json")
            .WithSummary("Decide a shipment under CN, EU and US rules (docs/shipment.schema.json)");

        api.MapPost("/classify", Ok<Classification> (ClassifyRequest request, DecisionDesk desk) =>
                TypedResults.Ok(desk.Classify(new ClassificationRequest(request.Hs, request.Text, request.Answers), request.Date)))
            .RequirePermission(Permission.CheckShipments)
            .WithSummary("Classification assistant: nomenclature, CHPL tier, ranked Annex I candidates with quotes and questions");
    }
}
