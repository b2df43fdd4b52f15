using Chokepoint.Core.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Application.Lists;

/// <summary>
/// The snapshots that served on a past day, for "what would we have flagged on D": per dataset, of the snapshots
/// imported by the end of D, the one the importer made serve (the newest publication, an undated one counting as
/// newest), unless a person activated another by hand later that day or before, whose choice then held. A day before
/// any list was loaded is an error: no answer is given for lists Chokepoint did not have.
/// </summary>
public static class ListsAsOf
{
    public static async Task<IReadOnlyList<SnapshotInfo>> SnapshotsAsync(ISnapshotStore store, DateOnly day, CancellationToken ct)
    {
        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var known = (await store.ListAsync(activeOnly: false, ct).ConfigureAwait(false)).Where(s => s.ImportedAt < end).ToList();
        var activations = (await store.ListAttemptsAsync(null, 10_000, ct).ConfigureAwait(false))
            .Where(a => a.Outcome == UpdateOutcome.Activated && a.At < end && a.SnapshotId is not null).ToList();
        var serving = new List<SnapshotInfo>();
        foreach (var dataset in known.GroupBy(s => s.Dataset.Value))
        {
            var byImport = dataset.OrderByDescending(s => s.Published ?? DateOnly.MaxValue).ThenByDescending(s => s.Id).First();
            var byHand = activations.Where(a => a.Dataset == dataset.Key).OrderByDescending(a => a.At).FirstOrDefault();
            var chosen = byHand is not null && dataset.FirstOrDefault(s => s.Id == byHand.SnapshotId) is { } manual && byHand.At >= byImport.ImportedAt
                ? manual : byImport;
            serving.Add(chosen);
        }
        return serving.Count > 0 ? serving
            : throw new ArgumentException($"No list had been imported by the end of {day:yyyy-MM-dd} in {store.Description}: there is nothing to screen as of then.");
    }
}
