using Chokepoint.Core.Reading;
using Chokepoint.Core.Values;
using Chokepoint.Licensing;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Shipments;
using Chokepoint.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Chokepoint.Server.Api;

/// <summary>
/// The one place where failures become answers (RFC 9457 problem details): endpoints throw, this maps. A bad request
/// is 400, an unknown record 404, a forbidden step 403, a state conflict 409; no list loaded, goods data missing or a
/// database out of reach is 503 with Retry-After, and nothing was changed (every unit of work is one transaction).
/// Anything else is a 500 that names no internals.
/// </summary>
public sealed class Problems(ILogger<Problems> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (context.Response.HasStarted) return false;
        var e = exception is AggregateException { InnerExceptions.Count: 1 } one ? one.InnerException! : exception;
        var (status, title, detail) = Map(e);
        if (status is null) return false;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning("{Title} for {Path}: {Message}", title, context.Request.Path, e.Message);
            var busy = e is StoreException { Busy: true };
            context.Response.Headers.RetryAfter = (busy || e is not StoreException ? RetryAfterSeconds : RetryAfterSeconds * 15).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.StatusCode = status.Value;
        await context.Response.WriteAsJsonAsync(new { status, title, detail }, ct);
        return true;
    }

    /// <summary>The status, title and detail a failure answers; a null status for one this does not know.</summary>
    public static (int? Status, string Title, string Detail) Map(Exception e) => e switch
    {
        StoreException { Busy: true } => (503, "Database busy", "Every database connection is in use; retry shortly. Nothing was changed."),
        StoreException => (503, "Database unavailable", e.Message),
        ScreeningUnavailableException => (503, "No list loaded", e.Message),
        ListFormatException => (503, "Goods reference data unreadable", e.Message),
        DirectoryNotFoundException => (503, "Goods reference data missing", e.Message),
        LicensingException l => (l.Failure switch
        {
            Failure.BadRequest => 400,
            Failure.Forbidden => 403,
            Failure.NotFound => 404,
            Failure.Conflict => 409,
            _ => 503,
        }, l.Failure.ToString(), e.Message),
        ShipmentException => (400, "Bad shipment", e.Message),
        Chokepoint.Analytics.Model.TradeQueryException { NotFound: true } => (404, "No such trade figures", e.Message),
        Chokepoint.Analytics.Model.TradeQueryException => (400, "Bad trade query", e.Message),
        InvalidValueException or ArgumentException => (400, "Bad request", e.Message),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException j } b => (b.StatusCode, "Malformed JSON", Where(j)),
        BadHttpRequestException b => (b.StatusCode, "Bad request", e.Message),
        _ => (null, "", ""),
    };

    /// <summary>What is wrong with a JSON body and where: its line and byte (from 1), and the field's path.</summary>
    private static string Where(System.Text.Json.JsonException j)
    {
        var at = j.LineNumber is { } line ? $" at line {line + 1}, byte {(j.BytePositionInLine ?? 0) + 1}" : "";
        var path = string.IsNullOrEmpty(j.Path) || j.Path == "$" ? "" : $" (field {j.Path})";
        // The serializer's own message names .NET types; the first sentence says what a client needs.
        var what = j.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "a value of the wrong type"
            : j.Message.Split(". ", 2)[0].TrimEnd('.');
        return $"The request body is not valid JSON for this endpoint{at}{path}: {what}.";
    }
}
