using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chokepoint.Server;

/// <summary>The readiness answer as JSON: the overall status and each check's, with its reason.</summary>
public static class HealthReport
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "not ready",
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), detail = e.Value.Description }),
        });
}
