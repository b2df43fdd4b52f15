using Chokepoint.Core.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Application.Lists;

/// <summary>Fresh (green), past the configured age (amber), or its last update was refused (red): the colour is
/// always shown with its word.</summary>
public enum Freshness { Fresh, Old, Refused }

/// <summary>One serving list as the dashboard and the header show it.</summary>
public sealed record ListFreshness(SnapshotInfo Active, TimeSpan Age, UpdateAttempt? LastAttempt, UpdateAttempt? LastRefusal, Freshness State);

public static class ListsFreshness
{
    /// <summary>Every active list with its age and its latest update attempts, worst first.</summary>
    public static async Task<IReadOnlyList<ListFreshness>> OfAsync(ISnapshotStore store, TimeSpan oldAfter, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = await store.ListAttemptsAsync(null, 500, ct);
        var lists = new List<ListFreshness>();
        foreach (var s in await store.ListAsync(activeOnly: true, ct))
        {
            var mine = attempts.Where(a => a.Dataset == s.Dataset.Value).ToList(); // newest first
            var last = mine.FirstOrDefault();
            var refusal = mine.FirstOrDefault(a => a.Outcome == UpdateOutcome.Refused);
            var age = ListAge.Of(s, now);
            var state = last?.Outcome == UpdateOutcome.Refused ? Freshness.Refused : age > oldAfter ? Freshness.Old : Freshness.Fresh;
            lists.Add(new ListFreshness(s, age, last, refusal, state));
        }
        return [.. lists.OrderByDescending(l => l.State).ThenBy(l => l.Active.Dataset.Value, StringComparer.Ordinal)];
    }
}
