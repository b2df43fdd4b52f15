using Chokepoint.Storage.Records;
using Chokepoint.Core.Values;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Snapshots;

namespace Chokepoint.Storage;

/// <summary>
/// The SQL both databases share. Every statement is parameterised; the subclasses supply the connection, the DDL
/// dialect and the fastest bulk insert each engine has (prepared statement for SQLite, binary COPY for PostgreSQL).
/// </summary>
public abstract class SqlSnapshotStore(DbConnection connection) : ISnapshotStore
{
    private const string SnapshotColumns =
        "id, dataset, format, source, sha256, published, imported_at, entity_count, name_count, counts_by_kind, counts_by_list, active, parts";

    protected DbConnection Connection { get; } = connection;

    public abstract string Description { get; }

    /// <summary>Adds entities of one snapshot inside the import transaction.</summary>
    protected internal abstract Task<IEntitySink> OpenEntitySinkAsync(DbTransaction tx, long snapshotId, CancellationToken ct);

    /// <summary>Makes a snapshot the active one of its dataset, deliberately (a roll-back or roll-forward), and records
    /// it in the update log in the same transaction. Returns the snapshot that was active before, if any.</summary>
    public async Task<SnapshotInfo?> ActivateAsync(long id, string reason, DateTimeOffset at, CancellationToken ct)
    {
        var target = await GetAsync(id, ct).ConfigureAwait(false) ?? throw new StoreException($"no snapshot {id}");
        var before = await GetActiveAsync(target.Dataset, ct).ConfigureAwait(false);
        await using var tx = await Connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(tx, "UPDATE snapshots SET active = FALSE WHERE dataset = @dataset AND active = TRUE", ct, ("dataset", target.Dataset)).ConfigureAwait(false);
        await ExecuteAsync(tx, "UPDATE snapshots SET active = TRUE WHERE id = @id", ct, ("id", id)).ConfigureAwait(false);
        await ExecuteAsync(tx,
            "INSERT INTO update_attempts (dataset, attempted_at, source, outcome, message, snapshot_id) VALUES (@dataset, @at, 'lists activate', @outcome, @message, @sid)", ct,
            ("dataset", target.Dataset), ("at", at.ToString("O", CultureInfo.InvariantCulture)), ("outcome", UpdateOutcome.Activated.ToString()),
            ("message", $"snapshot {id} activated by hand (was {before?.Id.ToString() ?? "none"}): {reason}"), ("sid", id)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return before;
    }

    public async Task<ISnapshotWriter> BeginImportAsync(SnapshotDraft draft, CancellationToken ct)
    {
        var tx = await Connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = Command(tx,
                """
                INSERT INTO snapshots (dataset, format, source, sha256, published, imported_at, entity_count, name_count, counts_by_kind, counts_by_list, active)
                VALUES (@dataset, @format, @source, @sha, NULL, '', 0, 0, '{}', '{}', FALSE) RETURNING id
                """,
                ("dataset", draft.Dataset), ("format", draft.Format), ("source", draft.Source), ("sha", draft.Sha256));
            var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var sink = await OpenEntitySinkAsync(tx, id, ct).ConfigureAwait(false);
            return new Writer(this, tx, draft, id, sink);
        }
        catch
        {
            await tx.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<SnapshotInfo?> GetAsync(long id, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {SnapshotColumns} FROM snapshots WHERE id = @id AND imported_at <> ''", ct, ("id", id));

    public Task<SnapshotInfo?> FindAsync(string dataset, string sha256, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {SnapshotColumns} FROM snapshots WHERE dataset = @dataset AND sha256 = @sha", ct, ("dataset", dataset), ("sha", sha256));

    public Task<SnapshotInfo?> GetActiveAsync(string dataset, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {SnapshotColumns} FROM snapshots WHERE dataset = @dataset AND active = TRUE", ct, ("dataset", dataset));

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        var sql = $"SELECT {SnapshotColumns} FROM snapshots WHERE imported_at <> ''" + (activeOnly ? " AND active = TRUE" : "") + " ORDER BY dataset, id";
        await using var cmd = Command(null, sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<SnapshotInfo>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) list.Add(ReadSnapshot(reader));
        return list;
    }

    public async IAsyncEnumerable<StoredEntity> ReadEntitiesAsync(long snapshotId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = Command(null, "SELECT body, digest FROM entities WHERE snapshot_id = @id ORDER BY source_id", ("id", snapshotId));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            yield return new StoredEntity(ListingJson.Deserialize(reader.GetString(0)), reader.GetString(1));
    }

    public async Task<StoredEntity?> GetEntityAsync(long snapshotId, string sourceId, CancellationToken ct)
    {
        await using var cmd = Command(null, "SELECT body, digest FROM entities WHERE snapshot_id = @id AND source_id = @sid", ("id", snapshotId), ("sid", sourceId));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new StoredEntity(ListingJson.Deserialize(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    public async Task RecordAttemptAsync(UpdateAttempt attempt, CancellationToken ct)
    {
        await using var cmd = Command(null,
            "INSERT INTO update_attempts (dataset, attempted_at, source, outcome, message, snapshot_id) VALUES (@dataset, @at, @source, @outcome, @message, @sid)",
            ("dataset", attempt.Dataset), ("at", attempt.At.ToString("O", CultureInfo.InvariantCulture)), ("source", attempt.Source),
            ("outcome", attempt.Outcome.ToString()), ("message", attempt.Message), ("sid", attempt.SnapshotId is { } sid ? sid : new TypedNull(System.Data.DbType.Int64)));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UpdateAttempt>> ListAttemptsAsync(string? dataset, int limit, CancellationToken ct)
    {
        await using var cmd = Command(null,
            "SELECT dataset, attempted_at, source, outcome, message, snapshot_id FROM update_attempts WHERE (@dataset IS NULL OR dataset = @dataset) ORDER BY attempted_at DESC LIMIT @limit",
            ("dataset", dataset), ("limit", limit));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<UpdateAttempt>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new UpdateAttempt(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2), Enum.Parse<UpdateOutcome>(reader.GetString(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }
        return list;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected DbCommand Command(DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters) =>
        Records.RecordDatabase.Command(Connection, tx, sql, parameters);

    protected async Task ExecuteAsync(DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(tx, sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async Task<SnapshotInfo?> QuerySingleAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(null, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadSnapshot(reader) : null;
    }

    private static SnapshotInfo ReadSnapshot(DbDataReader r) => new()
    {
        Id = new SnapshotId(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture)),
        Dataset = DatasetId.Parse(r.GetString(1)),
        Format = r.GetString(2),
        Source = r.GetString(3),
        Sha256 = r.GetString(4),
        Published = Column.Day(r, 5),
        ImportedAt = DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture),
        EntityCount = Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture),
        NameCount = Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture),
        CountsByKind = JsonSerializer.Deserialize<SortedDictionary<string, int>>(r.GetString(9)) ?? [],
        CountsByList = JsonSerializer.Deserialize<SortedDictionary<string, int>>(r.GetString(10)) ?? [],
        Active = Column.Flag(r, 11),
        Parts = r.GetString(12) is { Length: > 0 } parts ? JsonSerializer.Deserialize<SortedDictionary<string, int>>(parts) ?? [] : [],
    };

    private sealed class Writer(SqlSnapshotStore store, DbTransaction tx, SnapshotDraft draft, long id, IEntitySink sink) : ISnapshotWriter
    {
        private bool _done;

        public Task AddAsync(ListedEntity entity, CancellationToken ct)
        {
            var body = ListingJson.Serialize(entity);
            return sink.AddAsync(entity, Encoding.UTF8.GetString(body), ListingJson.Digest(body), ct);
        }

        public async Task<SnapshotInfo> CommitAsync(SnapshotTotals totals, DateTimeOffset importedAt, CancellationToken ct)
        {
            await sink.CompleteAsync(ct).ConfigureAwait(false);
            var published = Column.NullableDay(totals.Published);
            await store.ExecuteAsync(tx,
                """
                UPDATE snapshots SET published = @published, imported_at = @at, entity_count = @entities, name_count = @names,
                    counts_by_kind = @byKind, counts_by_list = @byList, parts = @parts WHERE id = @id
                """, ct,
                ("published", published), ("at", importedAt.ToString("O", CultureInfo.InvariantCulture)),
                ("entities", totals.EntityCount), ("names", totals.NameCount),
                ("byKind", new JsonText(JsonSerializer.Serialize(totals.CountsByKind))), ("byList", new JsonText(JsonSerializer.Serialize(totals.CountsByList))),
                ("parts", new JsonText(JsonSerializer.Serialize(totals.Parts))), ("id", id)).ConfigureAwait(false);

            // The newest publication serves: importing an older file keeps the newer one active.
            // Dates compare as dates (DATE on PostgreSQL, ISO text on SQLite); an undated snapshot counts as newest.
            await using (var newer = store.Command(tx,
                "SELECT COUNT(*) FROM snapshots WHERE dataset = @dataset AND active = TRUE AND @published IS NOT NULL AND published > @published",
                ("dataset", draft.Dataset), ("published", published)))
            {
                var newerActive = Convert.ToInt64(await newer.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
                if (!newerActive)
                {
                    await store.ExecuteAsync(tx, "UPDATE snapshots SET active = FALSE WHERE dataset = @dataset AND active = TRUE", ct, ("dataset", draft.Dataset)).ConfigureAwait(false);
                    await store.ExecuteAsync(tx, "UPDATE snapshots SET active = TRUE WHERE id = @id", ct, ("id", id)).ConfigureAwait(false);
                }
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
            _done = true;
            return await store.GetAsync(id, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Snapshot {id} vanished after commit.");
        }

        public async ValueTask DisposeAsync()
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            if (!_done) await tx.RollbackAsync().ConfigureAwait(false);
            await tx.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Bulk-adds entity rows inside an import transaction.</summary>
public interface IEntitySink : IAsyncDisposable
{
    Task AddAsync(ListedEntity entity, string body, string digest, CancellationToken ct);
    Task CompleteAsync(CancellationToken ct);
}

