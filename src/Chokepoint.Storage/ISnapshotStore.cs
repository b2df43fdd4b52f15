using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;

namespace Chokepoint.Storage;

/// <summary>Where snapshots live. Implementations: SQLite (the embedded default) and PostgreSQL; both pass the same tests.</summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>A short, password-free description of the database for messages ("SQLite chokepoint.db").</summary>
    string Description { get; }

    /// <summary>Starts an import: everything written through the returned writer is one transaction, visible only after
    /// <see cref="ISnapshotWriter.CommitAsync"/>. Disposing it uncommitted rolls everything back.</summary>
    Task<ISnapshotWriter> BeginImportAsync(SnapshotDraft draft, CancellationToken ct);

    Task<SnapshotInfo?> GetAsync(long id, CancellationToken ct);
    Task<SnapshotInfo?> FindAsync(string dataset, string sha256, CancellationToken ct);
    Task<SnapshotInfo?> GetActiveAsync(string dataset, CancellationToken ct);
    Task<IReadOnlyList<SnapshotInfo>> ListAsync(bool activeOnly, CancellationToken ct);
    IAsyncEnumerable<StoredEntity> ReadEntitiesAsync(long snapshotId, CancellationToken ct);
    Task<StoredEntity?> GetEntityAsync(long snapshotId, string sourceId, CancellationToken ct);

    Task RecordAttemptAsync(UpdateAttempt attempt, CancellationToken ct);

    /// <summary>Makes snapshot <paramref name="id"/> the active one of its dataset and records why; returns the one
    /// that served before.</summary>
    Task<SnapshotInfo?> ActivateAsync(long id, string reason, DateTimeOffset at, CancellationToken ct);
    Task<IReadOnlyList<UpdateAttempt>> ListAttemptsAsync(string? dataset, int limit, CancellationToken ct);
}

/// <summary>Writes one snapshot inside one transaction.</summary>
public interface ISnapshotWriter : IAsyncDisposable
{
    Task AddAsync(ListedEntity entity, CancellationToken ct);

    /// <summary>Records the totals, makes the snapshot active unless a newer publication is active, and commits.</summary>
    Task<SnapshotInfo> CommitAsync(SnapshotTotals totals, DateTimeOffset importedAt, CancellationToken ct);
}

/// <summary>An entity as stored: the entity, and the digest that tells whether it changed between snapshots.</summary>
public sealed record StoredEntity(ListedEntity Entity, string Digest);
