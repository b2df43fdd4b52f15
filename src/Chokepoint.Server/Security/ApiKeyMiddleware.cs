using System.Security.Cryptography;
using System.Text;

namespace Chokepoint.Server.Security;

/// <summary>
/// Every request but the health checks (/healthz, /readyz, /health) and the OpenAPI document needs an X-Api-Key header naming a configured key; the key's
/// role must allow the endpoint (screening: screener or admin; reloading lists: admin). No keys configured means no
/// access: the server fails closed. Keys are compared in constant time.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ServerOptions options)
{
    public const string Header = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        // The licensing API authenticates its own users (ASP.NET Core authentication, LicensingAuthentication).
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/api/licensing"))
        {
            await next(context);
            return;
        }
        var presented = context.Request.Headers[Header].ToString();
        var key = options.ApiKeys.FirstOrDefault(k => k.Key.Length > 0 && Same(k.Key, presented));
        if (key is null)
        {
            await Problem(context, StatusCodes.Status401Unauthorized, $"A valid {Header} header is required.");
            return;
        }
        var needs = path.StartsWithSegments("/api/admin") ? "admin" : "screener";
        if (key.Role != needs && key.Role != "admin")
        {
            await Problem(context, StatusCodes.Status403Forbidden, $"This key's role '{key.Role}' may not call {path}.");
            return;
        }
        await next(context);
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static Task Problem(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { status, title = status == 401 ? "Unauthorized" : "Forbidden", detail });
    }
}
