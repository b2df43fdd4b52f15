using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chokepoint.Server;

/// <summary>The health answers as JSON, in yente's shape so that its clients and probes read them: {"status": "ok"}
/// when ready; otherwise "not ready" with yente's "detail" saying why; each check's status and reason beside.</summary>
public static class HealthReport
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "not ready",
            detail = report.Status == HealthStatus.Healthy ? null
                : string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}")),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), detail = e.Value.Description }),
        });

    /// <summary>Liveness: the process answers.</summary>
    public static Task AliveAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport _) =>
        context.Response.WriteAsJsonAsync(new { status = "ok" });
}
