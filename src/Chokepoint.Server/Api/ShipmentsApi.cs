using Chokepoint.Core.Reading;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Shipments;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Server.Api;

public sealed record ClassifyRequest(string? Hs = null, string? Text = null, Dictionary<string, bool>? Answers = null, DateOnly? Date = null);

/// <summary>POST /api/shipments/check and POST /api/classify.</summary>
public static class ShipmentsApi
{
    public static void MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/shipments/check", async (HttpRequest request, DecisionService decisions, CancellationToken ct) =>
        {
            // Read as text first, so that the strict shipment reader gives its own errors with paths and a size bound.
            using var reader = new StreamReader(request.Body);
            var buffer = new char[ShipmentJson.MaxBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
            if (read > ShipmentJson.MaxBytes)
                return Results.Problem($"The shipment is larger than {ShipmentJson.MaxBytes:N0} characters.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
            return await GuardAsync(async () => Results.Ok(await decisions.CheckAsync(ShipmentJson.Parse(new string(buffer, 0, read)), ct)));
        })
        .Accepts<Shipment>("application/json")
        .Produces<Chokepoint.Rules.Decisions.ShipmentDecision>()
        .WithSummary("Decide a shipment under CN, EU and US rules (docs/shipment.schema.json)");

        api.MapPost("/classify", (ClassifyRequest request, DecisionService decisions) =>
            GuardAsync(() => Task.FromResult(Results.Ok(decisions.Classify(new ClassificationRequest(request.Hs, request.Text, request.Answers), request.Date)))))
        .WithSummary("Classification assistant: nomenclature, CHPL tier, ranked Annex I candidates with quotes and questions");
    }

    /// <summary>Bad shipments are 400; missing or unreadable goods data and lists not loaded are 503.</summary>
    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ShipmentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad shipment");
        }
        catch (ListFormatException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Goods reference data unreadable");
        }
        catch (DirectoryNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Goods reference data missing");
        }
        catch (Exception e) when (ScreeningApi.Problem(e) is { } problem)
        {
            return problem;
        }
    }
}
