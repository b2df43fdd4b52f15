using Chokepoint.Core.Values;

namespace Chokepoint.Core.Snapshots;

/// <summary>
/// One import of one publisher file: immutable, identified by the file's SHA-256 and its publication date.
/// Exactly one snapshot per dataset is <see cref="Active"/>: the one screening uses.
/// </summary>
public sealed record SnapshotInfo
{
    public required SnapshotId Id { get; init; }

    /// <summary>Which list this is ("us-ofac-sdn", "un-sc", "gb-ofsi" ...).</summary>
    public required DatasetId Dataset { get; init; }

    /// <summary>The reader that read it ("ofac-csv", "un-xml" ...).</summary>
    public required string Format { get; init; }

    /// <summary>Where the bytes came from: a URL or a local path.</summary>
    public required string Source { get; init; }

    public required string Sha256 { get; init; }
    public DateOnly? Published { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }
    public required int EntityCount { get; init; }
    public required int NameCount { get; init; }
    public required IReadOnlyDictionary<string, int> CountsByKind { get; init; }
    public required IReadOnlyDictionary<string, int> CountsByList { get; init; }

    /// <summary>Rows read from each companion file of a multi-file set ("alt" → 11,910 for OFAC's alt.csv): a later
    /// set without one of them, or with far fewer rows, is refused.</summary>
    public IReadOnlyDictionary<string, int> Parts { get; init; } = new SortedDictionary<string, int>(StringComparer.Ordinal);
    public bool Active { get; init; }
}
