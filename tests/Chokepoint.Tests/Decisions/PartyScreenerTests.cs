using Chokepoint.Core.Listings;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Decisions;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Decisions;

/// <summary>The party screener's memory never serves an answer from lists that are no longer loaded, and stays right
/// past its bound.</summary>
public sealed class PartyScreenerTests
{
    private static readonly PartyQuery Putin = new("Vladimir Putin", EntityKind.Person);

    [Fact]
    public void New_lists_drop_the_remembered_answers()
    {
        var screener = RealIndex.Screener();
        var parties = new PartyScreener(screener);
        Assert.NotEmpty(parties.Screen(Putin));

        var withoutPutin = RealIndex.Entities.Where(x => !x.Entity.Names.Any(n =>
            n.Value.Contains("putin", StringComparison.OrdinalIgnoreCase) || n.Value.Contains("путин", StringComparison.OrdinalIgnoreCase))).ToList();
        var other = new Screener();
        other.Load(ScreeningIndex.Build(withoutPutin));
        var swapped = new PartyScreener(other);
        Assert.NotEmpty(swapped.Screen(new PartyQuery("Rosoboronexport", EntityKind.Organization)));
        other.Load(screener.Index!);
        Assert.NotEmpty(swapped.Screen(Putin));
        other.Load(ScreeningIndex.Build(withoutPutin));
        Assert.DoesNotContain(swapped.Screen(Putin), h => h.Name.Contains("PUTIN", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Answers_stay_right_past_the_memory_bound()
    {
        var screener = RealIndex.Screener();
        var parties = new PartyScreener(screener, capacity: 2);
        var first = parties.Screen(Putin).Select(h => h.EntityId).ToList();
        foreach (var name in new[] { "Rosoboronexport", "Rostec", "Almaz-Antey", "Sergei Shoigu" })
            parties.Screen(new PartyQuery(name));
        Assert.Equal(first, parties.Screen(Putin).Select(h => h.EntityId).ToList());
        Assert.Equal(first, screener.Screen(Putin, parties.Options).Hits.Select(h => h.EntityId).ToList());
    }
}
