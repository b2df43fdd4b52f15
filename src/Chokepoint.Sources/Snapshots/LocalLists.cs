using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Snapshots;

/// <summary>Reads list files straight into (snapshot, entity) pairs without a database: for benchmarks, quality runs
/// and tests that need an index over the real files. Each file stands as its own unsaved snapshot.</summary>
public static class LocalLists
{
    public static List<(SnapshotInfo Snapshot, ListedEntity Entity)> Read(IEnumerable<string> files)
    {
        var entities = new List<(SnapshotInfo, ListedEntity)>();
        var id = 0L;
        foreach (var path in files)
        {
            var reader = ListReaders.Detect(path);
            var input = reader.Resolve(path);
            var report = new ReadReport();
            var read = reader.Read(input, report, CancellationToken.None).ToList();
            var snapshot = new SnapshotInfo
            {
                Id = new SnapshotId(++id),
                Dataset = DatasetId.Parse(reader.DatasetFor(input)),
                Format = reader.Format,
                Source = path,
                Sha256 = "",
                Published = report.Published ?? SnapshotImporter.DateInPath(path),
                ImportedAt = DateTimeOffset.UnixEpoch,
                EntityCount = read.Count,
                NameCount = read.Sum(e => e.Names.Count),
                CountsByKind = read.GroupBy(e => e.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
                CountsByList = read.GroupBy(e => e.SourceList).ToDictionary(g => g.Key, g => g.Count()),
                Active = true,
            };
            entities.AddRange(read.Select(e => (snapshot, e)));
        }
        return entities;
    }

    /// <summary>The newest file of every list in ../shared/data, as the screening benchmarks and quality runs use them.</summary>
    public static readonly string[] SharedDataFiles =
    [
        "ofac_sdn/2024-05-03/sdn.csv", "ofac_consolidated_non_sdn/2025-12-19/cons_prim.csv", "us_csl/2022-05-06/consolidated.csv",
        "un_consolidated/2026-02-27/consolidated.xml", "uk_ofsi_consolidated/2025-04-14/ConList.xlsx", "eu_fsf/sample_2026-08-05/sample_eu_fsf.xml",
        "opensanctions/zala_cluster/entities.ftm.json", "opensanctions/eu_fsf_sample/entities.ftm.json",
        "opensanctions/ua_war_sanctions/targets.simple.csv", "canada_sema/2020-04-16/sema-lmes.xml",
    ];
}
