using Chokepoint.Core.Snapshots;

namespace Chokepoint.Sources.Snapshots;

/// <summary>What an import did. <see cref="Snapshot"/> is the new snapshot, or the existing identical one when
/// <see cref="Unchanged"/>.</summary>
public sealed record ImportResult(
    SnapshotInfo Snapshot,
    bool Unchanged,
    string Reader,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed,
    long Bytes)
{
    /// <summary>The figures of a drop taken with --accept-drop, for the record; null when there was none.</summary>
    public string? AcceptedDrop { get; init; }

    /// <summary>The snapshot that was active before this import, if any.</summary>
    public SnapshotInfo? Previous { get; init; }
}

/// <summary>Progress of a long import: entities read so far.</summary>
public readonly record struct ImportProgress(string File, int Entities);

/// <summary>An import was read correctly but refused by a guard (count collapse, no entries); nothing was written.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
