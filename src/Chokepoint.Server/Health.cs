using Chokepoint.Storage.Records;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chokepoint.Server;

/// <summary>Ready when the screening index holds the lists: before that every screening answers 503, so a load
/// balancer should not send any.</summary>
public sealed class ListsHealthCheck(ScreeningService screening) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(screening.Screener.Index is { EntityCount: > 0 } index
            ? HealthCheckResult.Healthy($"{index.EntityCount:N0} entities from snapshots {string.Join(", ", index.SnapshotIds)}")
            : HealthCheckResult.Unhealthy("no list is loaded: import lists (chokepoint lists update), then POST /api/admin/reload"));
}

/// <summary>Ready when the database answers.</summary>
public sealed class DatabaseHealthCheck(RecordDatabase db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await db.ConnectAsync(cancellationToken);
            await using var cmd = RecordDatabase.Command(c, null, "SELECT 1");
            await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(db.Description);
        }
        catch (Chokepoint.Storage.StoreException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
