using Chokepoint.Storage;

namespace Chokepoint.Server.Security;

/// <summary>
/// A database that cannot be reached, or has no connection free within the pool's timeout, answers 503 with
/// Retry-After, never 500: the client is told to come back, and nothing was changed (every unit of work is one
/// transaction that never began or was rolled back).
/// </summary>
public sealed class StoreUnavailableMiddleware(RequestDelegate next, ILogger<StoreUnavailableMiddleware> log)
{
    public const int RetryAfterSeconds = 2;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StoreException e) when (!context.Response.HasStarted)
        {
            log.LogWarning("Database unavailable for {Path}: {Message}", context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = (e.Busy ? RetryAfterSeconds : RetryAfterSeconds * 15).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new
            {
                status = 503,
                title = e.Busy ? "Database busy" : "Database unavailable",
                detail = e.Busy ? "Every database connection is in use; retry shortly. Nothing was changed." : e.Message,
            });
        }
    }
}
