using System.Collections.Concurrent;
using System.Security.Cryptography;
using Chokepoint.Application.Screening;

namespace Chokepoint.Server.Workplace;

/// <summary>A batch screened from the workplace: its rows and outcomes, for its page and its downloads.</summary>
public sealed record BatchRun(string Id, long Owner, string FileName, DateTimeOffset At, IReadOnlyList<PartyRow> Rows, IReadOnlyList<PartyOutcome> Outcomes, int Recorded)
{
    public int WithHits => Outcomes.Count(o => o.Result is { Hits.Count: > 0 });
    public int Problems => Rows.Select((r, i) => r.Problem ?? Outcomes[i].Error).Count(p => p is not null);
    public IEnumerable<string?[]> Lines => Rows.SelectMany((r, i) => BatchRows.Of(r, Outcomes[i]));
}

/// <summary>The last batches each person screened (at most <see cref="KeptPerPerson"/>, for a day): each screening is
/// in the screening record too; these are kept only to show and download the answer.</summary>
public sealed class BatchResults(TimeProvider clock)
{
    public const int KeptPerPerson = 5;
    private readonly ConcurrentDictionary<string, BatchRun> _runs = new(StringComparer.Ordinal);

    public BatchRun Add(long owner, string fileName, IReadOnlyList<PartyRow> rows, IReadOnlyList<PartyOutcome> outcomes, int recorded)
    {
        var run = new BatchRun(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), owner, fileName, clock.GetUtcNow(), rows, outcomes, recorded);
        _runs[run.Id] = run;
        foreach (var old in _runs.Values.Where(r => r.Owner == owner).OrderByDescending(r => r.At).Skip(KeptPerPerson)
                     .Concat(_runs.Values.Where(r => clock.GetUtcNow() - r.At > TimeSpan.FromDays(1))))
            _runs.TryRemove(old.Id, out _);
        return run;
    }

    public BatchRun Get(long owner, string id) =>
        _runs.TryGetValue(id, out var run) && run.Owner == owner ? run
        : throw Chokepoint.Licensing.LicensingException.NotFound("That batch is not here any more (the last five of each person are kept for a day): screen the file again.");
}
