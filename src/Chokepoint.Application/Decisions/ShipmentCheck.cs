using Chokepoint.Application.Goods;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Application.Decisions;

/// <summary>
/// What every host does to a shipment before the engine decides it, written once so that the command line and the
/// server cannot disagree: the classification records its items name fill in their EU control codes, and a shipment
/// without an evaluation date is decided as of today in UTC (the law's dates are calendar days; the machine's time
/// zone must not move them).
/// </summary>
public static class ShipmentCheck
{
    /// <summary>Today as a calendar day in UTC.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<Shipment> PrepareAsync(Shipment shipment, ClassificationRecords records, DateOnly today, CancellationToken ct)
    {
        var applied = await records.ApplyAsync(shipment, ct).ConfigureAwait(false);
        return applied with { EvaluationDate = applied.EvaluationDate ?? today };
    }
}
