using Chokepoint.Matching.Screening;

namespace Chokepoint.Application.Screening;

/// <summary>One party's outcome in a batch: its result, or why it could not be screened (never a silent drop).</summary>
public readonly record struct PartyOutcome(ScreenResult? Result, string? Error);

/// <summary>
/// Screens many parties on every core, for every host (a request's parties, a block of a file's rows). Each party is
/// read by <c>party</c>, which may refuse it (an ArgumentException: its reason becomes the party's error) or skip it
/// (null: the caller already knows why); results come back in input order.
/// </summary>
public static class PartyBatch
{
    public static PartyOutcome[] Screen(Screener screener, int count, Func<int, (PartyQuery Query, ScreenOptions Options)?> party, CancellationToken ct)
    {
        var outcomes = new PartyOutcome[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try
            {
                if (party(i) is { } p) outcomes[i] = new PartyOutcome(screener.Screen(p.Query, p.Options), null);
            }
            catch (ArgumentException e)
            {
                outcomes[i] = new PartyOutcome(null, e.Message);
            }
        });
        return outcomes;
    }
}
