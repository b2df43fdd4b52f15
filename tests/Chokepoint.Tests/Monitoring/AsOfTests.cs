using Chokepoint.Application.Lists;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chokepoint.Tests.Monitoring;

/// <summary>"What would we have flagged on D": the snapshots that served on a past day, from a snapshot history with
/// an import, a newer import and a roll-back by hand.</summary>
public sealed class AsOfTests
{
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_past_day_is_screened_against_the_lists_that_served_then(string backend)
    {
        await using var t = await TestStore.CreateAsync(backend);
        var ct = CancellationToken.None;
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 7, 8, 9, 0, 0, TimeSpan.Zero));
        var importer = new SnapshotImporter(t.Store, clock);
        var old = await importer.ImportAsync(TestData.File(TestData.Sdn2021), new ImportOptions(), null, ct);
        clock.SetUtcNow(new DateTimeOffset(2024, 5, 4, 9, 0, 0, TimeSpan.Zero));
        var current = await importer.ImportAsync(TestData.File(TestData.Sdn2024), new ImportOptions { AcceptDrop = true }, null, ct);
        await t.Store.ActivateAsync(old.Snapshot.Id, "the 2024 file is under review", new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero), ct);

        Assert.Throws<ArgumentException>(() => ListsAsOf.SnapshotsAsync(t.Store, new DateOnly(2021, 7, 7), ct).GetAwaiter().GetResult());
        async Task<long> ServingAsync(DateOnly day) => (await ListsAsOf.SnapshotsAsync(t.Store, day, ct)).Single().Id;
        Assert.Equal(old.Snapshot.Id.Value, await ServingAsync(new DateOnly(2021, 7, 8)));
        Assert.Equal(old.Snapshot.Id.Value, await ServingAsync(new DateOnly(2023, 1, 1)));
        Assert.Equal(current.Snapshot.Id.Value, await ServingAsync(new DateOnly(2024, 5, 10)));
        Assert.Equal(old.Snapshot.Id.Value, await ServingAsync(new DateOnly(2024, 6, 1)));

        // A party first listed in 2024 was not a hit as of 2023, and was as of 2024-05-10.
        var newcomer = await FirstNewEntryAsync(t, old.Snapshot.Id, current.Snapshot.Id);
        async Task<bool> HitAsync(DateOnly day)
        {
            var screener = new Screener();
            screener.Load(await ActiveIndex.BuildAsync(t.Store, (await ListsAsOf.SnapshotsAsync(t.Store, day, ct)).Select(s => s.Id.Value), ct));
            return screener.Screen(new PartyQuery(newcomer.Name)).Hits.Any(h => h.EntityId == newcomer.Id);
        }
        Assert.False(await HitAsync(new DateOnly(2023, 1, 1)));
        Assert.True(await HitAsync(new DateOnly(2024, 5, 10)));
    }

    private static async Task<(string Id, string Name)> FirstNewEntryAsync(TestStore t, long oldId, long newId)
    {
        var diff = await SnapshotDiff.CompareAsync(t.Store, oldId, newId, CancellationToken.None);
        var added = diff.Added.First(a => a.Name.Split(' ').Length >= 3);
        return (added.SourceId, added.Name);
    }
}
