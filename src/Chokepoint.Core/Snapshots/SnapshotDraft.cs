namespace Chokepoint.Core.Snapshots;

/// <summary>What is known about a snapshot before its entities are read.</summary>
public sealed record SnapshotDraft(string Dataset, string Format, string Source, string Sha256);

/// <summary>What is known once every entity has been read: the publication date (often in the file's header) and the counts.</summary>
public sealed record SnapshotTotals(
    DateOnly? Published,
    int EntityCount,
    int NameCount,
    IReadOnlyDictionary<string, int> CountsByKind,
    IReadOnlyDictionary<string, int> CountsByList,
    IReadOnlyDictionary<string, int> Parts);
