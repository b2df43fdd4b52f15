using System.Data.Common;
using Chokepoint.Core.Listings;
using Microsoft.Data.Sqlite;

namespace Chokepoint.Storage;

/// <summary>The embedded default: one SQLite file, WAL journal so readers keep reading the last good snapshot while an import runs.</summary>
public sealed class SqliteSnapshotStore : SqlSnapshotStore
{
    private readonly string _path;

    private SqliteSnapshotStore(SqliteConnection connection, string path) : base(connection) => _path = path;

    public override string Description => $"SQLite {_path}";

    /// <summary>The file a path or "Data Source=..." string names, in full.</summary>
    public static string FilePath(string path) => Path.GetFullPath(path.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
        ? new SqliteConnectionStringBuilder(path).DataSource
        : path);

    public static async Task<SqliteSnapshotStore> OpenAsync(string path, CancellationToken ct)
    {
        var full = FilePath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        await connection.OpenAsync(ct).ConfigureAwait(false);
        var store = new SqliteSnapshotStore(connection, full);
        try
        {
            await store.ExecuteAsync(null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;", ct).ConfigureAwait(false);
            await Migrations.SchemaMigrations.MigrateAsync(full, ct).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"Cannot open SQLite database '{full}': {e.Message}", e);
        }
        return store;
    }

    protected internal override Task<IEntitySink> OpenEntitySinkAsync(DbTransaction tx, long snapshotId, CancellationToken ct)
    {
        var cmd = Command(tx,
            "INSERT INTO entities (snapshot_id, source_id, list, kind, name, digest, body) VALUES (@sid, @id, @list, @kind, @name, @digest, @body)",
            ("sid", snapshotId), ("id", ""), ("list", ""), ("kind", ""), ("name", ""), ("digest", ""), ("body", ""));
        cmd.Prepare();
        return Task.FromResult<IEntitySink>(new Sink(cmd));
    }

    /// <summary>Reuses one prepared statement: SQLite inserts about a hundred thousand rows a second this way.</summary>
    private sealed class Sink(DbCommand cmd) : IEntitySink
    {
        public async Task AddAsync(ListedEntity entity, string body, string digest, CancellationToken ct)
        {
            cmd.Parameters[1].Value = entity.SourceId;
            cmd.Parameters[2].Value = entity.SourceList;
            cmd.Parameters[3].Value = entity.Kind.ToString();
            cmd.Parameters[4].Value = entity.PrimaryName;
            cmd.Parameters[5].Value = digest;
            cmd.Parameters[6].Value = body;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => cmd.DisposeAsync();
    }
}
