using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chokepoint.Storage.Records;

/// <summary>
/// The database for records people make (classifications, applications, licences, usage, audit events), on the same
/// SQLite file or PostgreSQL database as the snapshots. Unlike the snapshot store it hands out one connection per unit
/// of work, so that a server can run many at once: pooled by Npgsql on PostgreSQL, a fresh connection with a busy
/// timeout on SQLite (whose writers queue on the file lock). All SQL through <see cref="Command"/> is parameterised.
/// </summary>
public sealed class RecordDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    private readonly string _target;

    private RecordDatabase(NpgsqlDataSource? postgres, string? sqlite, string description, string target) =>
        (_postgres, _sqlite, Description, _target) = (postgres, sqlite, description, target);

    public string Description { get; }
    public bool IsPostgres => _postgres is not null;

    /// <summary>Below PostgreSQL's default max_connections of 100, with room for the snapshot stores and a second server.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>Locks the selected rows until the transaction ends (PostgreSQL); SQLite's write transaction already holds the file.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    /// <summary>Opens the database a connection names; on PostgreSQL the pool holds at most
    /// <paramref name="maxPoolSize"/> connections unless the connection string says otherwise, and a unit of work
    /// that finds none free within its timeout fails with a <see cref="StoreException"/> (503 for the server).</summary>
    public static RecordDatabase Open(string? connection, int maxPoolSize = DefaultMaxPoolSize)
    {
        if (maxPoolSize < 1) throw new StoreException($"The connection pool must hold at least one connection; {maxPoolSize} was given.");
        var target = string.IsNullOrWhiteSpace(connection)
            ? Environment.GetEnvironmentVariable(SnapshotStores.EnvironmentVariable) is { Length: > 0 } env ? env : SnapshotStores.DefaultSqliteFile
            : connection.Trim();
        if (SnapshotStores.IsPostgres(target))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(PostgresSnapshotStore.ToKeyValue(target));
                if (!target.Contains("pool size", StringComparison.OrdinalIgnoreCase)) builder.MaxPoolSize = maxPoolSize;
                return new RecordDatabase(NpgsqlDataSource.Create(builder), null, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}", builder.ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw new StoreException($"Not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }
        var full = Path.GetFullPath(target.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteConnectionStringBuilder(target).DataSource : target);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new RecordDatabase(null, new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString(), $"SQLite {full}", full);
    }

    public async Task<DbConnection> ConnectAsync(CancellationToken ct)
    {
        try
        {
            if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
            var c = new SqliteConnection(_sqlite);
            await c.OpenAsync(ct).ConfigureAwait(false);
            await using var pragma = c.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return c;
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StoreException($"Cannot connect to {Description}: {e.Message}", e) { Busy = e is NpgsqlException { InnerException: TimeoutException } || e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) || e is PostgresException { SqlState: "53300" } };
        }
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            // PostgreSQL needs a type for a null parameter: text unless the caller says otherwise.
            p.Value = value switch
            {
                null or TypedNull => DBNull.Value,
                Chokepoint.Core.Values.IDomainValue v => v.Primitive,
                JsonText { Text: null } => DBNull.Value,
                JsonText j => j.Text,
                _ => value,
            };
            if (value is null) p.DbType = System.Data.DbType.String;
            else if (value is TypedNull typed) p.DbType = typed.Type;
            else if (value is JsonText && p is NpgsqlParameter np) np.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>Brings the database's schema to the newest version (<see cref="Migrations.SchemaMigrations"/>).</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct) => Migrations.SchemaMigrations.MigrateAsync(_target, ct);

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
