using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Tests.Support;

/// <summary>One screening index over the real lists, read straight from ../shared/data, shared by the matching tests.</summary>
public static class RealIndex
{
    public static readonly string[] Files =
    [
        TestData.Sdn2024, TestData.ConsPrim, TestData.Csl, TestData.Un, TestData.OfsiXlsx, TestData.EuFsf,
        TestData.FtmZala, TestData.FtmEu, TestData.Targets, TestData.Sema,
    ];

    private static readonly Lazy<(ScreeningIndex Index, List<(SnapshotInfo, ListedEntity)> Entities)> Built = new(() =>
    {
        var entities = new List<(SnapshotInfo, ListedEntity)>();
        var id = 0L;
        foreach (var file in Files)
        {
            var path = TestData.File(file);
            var reader = ListReaders.Detect(path);
            var input = reader.Resolve(path);
            var snapshot = new SnapshotInfo
            {
                Id = ++id, Dataset = reader.DatasetFor(input), Format = reader.Format, Source = path, Sha256 = "",
                ImportedAt = DateTimeOffset.UnixEpoch, EntityCount = 0, NameCount = 0, CountsByKind = new Dictionary<string, int>(),
                CountsByList = new Dictionary<string, int>(), Active = true,
            };
            foreach (var e in reader.Read(input, new ReadReport(), CancellationToken.None)) entities.Add((snapshot, e));
        }
        return (ScreeningIndex.Build(entities), entities);
    });

    public static ScreeningIndex Index => Built.Value.Index;
    public static IReadOnlyList<(SnapshotInfo Snapshot, ListedEntity Entity)> Entities => Built.Value.Entities;

    public static Screener Screener()
    {
        var s = new Screener();
        s.Load(Index);
        return s;
    }
}
