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

    private RecordDatabase(NpgsqlDataSource? postgres, string? sqlite, string description) =>
        (_postgres, _sqlite, Description) = (postgres, sqlite, description);

    public string Description { get; }
    public bool IsPostgres => _postgres is not null;

    /// <summary>An auto-numbered primary key column in this dialect.</summary>
    public string Identity => IsPostgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <summary>An exact decimal column: NUMERIC on PostgreSQL; TEXT on SQLite, whose NUMERIC would round through REAL.</summary>
    public string Decimal => IsPostgres ? "NUMERIC" : "TEXT";

    /// <summary>A column of raw bytes in this dialect.</summary>
    public string Bytes => IsPostgres ? "BYTEA" : "BLOB";

    /// <summary>Locks the selected rows until the transaction ends (PostgreSQL); SQLite's write transaction already holds the file.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    /// <summary>Opens the database a connection names; on PostgreSQL the pool holds at most
    /// <paramref name="maxPoolSize"/> connections unless the connection string says otherwise, and a unit of work
    /// that finds none free within its timeout fails with a <see cref="StoreException"/> (503 for the server).</summary>
    public static RecordDatabase Open(string? connection, int maxPoolSize = 40)
    {
        var target = string.IsNullOrWhiteSpace(connection)
            ? Environment.GetEnvironmentVariable(SnapshotStores.EnvironmentVariable) is { Length: > 0 } env ? env : SnapshotStores.DefaultSqliteFile
            : connection.Trim();
        if (SnapshotStores.IsPostgres(target))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(PostgresSnapshotStore.ToKeyValue(target));
                if (!target.Contains("pool size", StringComparison.OrdinalIgnoreCase)) builder.MaxPoolSize = maxPoolSize;
                return new RecordDatabase(NpgsqlDataSource.Create(builder), null, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
            }
            catch (ArgumentException e)
            {
                throw new StoreException($"Not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }
        var full = Path.GetFullPath(target.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteConnectionStringBuilder(target).DataSource : target);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new RecordDatabase(null, new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString(), $"SQLite {full}");
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
            p.Value = value is null or TypedNull ? DBNull.Value : value;
            if (value is null) p.DbType = System.Data.DbType.String;
            else if (value is TypedNull typed) p.DbType = typed.Type;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>Runs DDL once per process and database; on PostgreSQL under an advisory lock, since concurrent
    /// CREATE TABLE IF NOT EXISTS can race there.</summary>
    public async Task EnsureSchemaAsync(string ddl, CancellationToken ct, params (string Table, string Column, string Type)[] addedColumns)
    {
        await using var c = await ConnectAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (IsPostgres)
        {
            await using var lockCmd = Command(c, tx, "SELECT pg_advisory_xact_lock(727274)");
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using (var cmd = Command(c, tx, ddl)) await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        // Columns added after a table was first made: databases made before get them, empty.
        foreach (var (table, column, type) in addedColumns)
        {
            await using var has = Command(c, tx, IsPostgres
                ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t AND column_name = @c"
                : "SELECT COUNT(*) FROM pragma_table_info(@t) WHERE name = @c", ("t", table), ("c", column));
            if (Convert.ToInt64(await has.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0) continue;
            // Identifiers come from the caller's code, never from input.
            await using var add = Command(c, tx, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
            await add.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
