using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Tests.Support;

/// <summary>One screening index over the newest real file of every list, shared by the matching tests.</summary>
public static class RealIndex
{
    private static readonly Lazy<List<(SnapshotInfo Snapshot, ListedEntity Entity)>> Read =
        new(() => LocalLists.Read(LocalLists.SharedDataFiles.Select(TestData.File)));

    private static readonly Lazy<ScreeningIndex> Built = new(() => ScreeningIndex.Build(Read.Value));

    public static ScreeningIndex Index => Built.Value;
    public static IReadOnlyList<(SnapshotInfo Snapshot, ListedEntity Entity)> Entities => Read.Value;

    public static Screener Screener()
    {
        var s = new Screener();
        s.Load(Index);
        return s;
    }
}
