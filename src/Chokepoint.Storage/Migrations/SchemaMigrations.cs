using System.Collections.Concurrent;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chokepoint.Storage.Migrations;

/// <summary>
/// The schema as numbered scripts (Migrations/NNNN_*.sql, one set for both dialects: $identity$, $decimal$ and
/// $bytes$ stand for the column types that differ, and NNNN_*.postgres.sql steps give PostgreSQL its own types), applied in order with DbUp and journalled in the database (table
/// schemaversions): every store and the record database migrate their database
/// when they open it (a database at the newest version costs one journal read), and `chokepoint db migrate` does it on
/// demand. Within a process, migrations of one database run one at a time. Version 1 is the schema of
/// a2a672f written with IF NOT EXISTS, so a database made then is taken over without loss. On PostgreSQL concurrent
/// migrations queue on an advisory lock.
/// </summary>
public static class SchemaMigrations
{
    private const long LockKey = 727_274;
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Running = new(StringComparer.Ordinal);

    /// <summary>The scripts a database of this dialect takes, in the order they apply.</summary>
    public static IReadOnlyList<string> Scripts(bool postgres) =>
        [.. typeof(SchemaMigrations).Assembly.GetManifestResourceNames().Where(r => IsScript(r) && (postgres || !IsPostgresOnly(r))).Order(StringComparer.Ordinal)];

    /// <summary>Brings the database up to the newest version; returns every script applied to it, ever, in order.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string target, CancellationToken ct)
    {
        var gate = Running.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await RunAsync(target, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string target, CancellationToken ct)
    {
        var postgres = SnapshotStores.IsPostgres(target);
        try
        {
            if (!postgres) return Upgrade(Sqlite(target), false);
            var cs = new NpgsqlConnectionStringBuilder(PostgresSnapshotStore.ToKeyValue(target)) { Pooling = false }.ConnectionString;
            await using var lockConnection = new NpgsqlConnection(cs);
            await lockConnection.OpenAsync(ct).ConfigureAwait(false);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", lockConnection)) await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            try
            {
                return Upgrade(DeployChanges.To.PostgresqlDatabase(cs), true);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", lockConnection);
                await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StoreException($"Cannot migrate the database: {e.Message}", e);
        }
    }

    private static DbUp.Builder.UpgradeEngineBuilder Sqlite(string file) =>
        DeployChanges.To.SqliteDatabase(new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = false }.ToString());

    private static IReadOnlyList<string> Upgrade(DbUp.Builder.UpgradeEngineBuilder builder, bool postgres)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrations).Assembly, r => Scripts(postgres).Contains(r))
            .WithVariablesEnabled()
            .WithVariable("identity", postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")
            .WithVariable("decimal", postgres ? "NUMERIC" : "TEXT")
            .WithVariable("bytes", postgres ? "BYTEA" : "BLOB")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        DatabaseUpgradeResult result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new StoreException($"The database could not be migrated: script {result.ErrorScript?.Name ?? "?"} failed: {result.Error?.Message}", result.Error);
        return engine.GetExecutedScripts();
    }

    /// <summary>NNNN_*.postgres.sql: a step only PostgreSQL takes (its own column types); SQLite's journal skips the number.</summary>
    public static bool IsPostgresOnly(string resource) => resource.EndsWith(".postgres.sql", StringComparison.Ordinal);

    private static bool IsScript(string resource) =>
        resource.EndsWith(".sql", StringComparison.Ordinal) && resource.Contains(".Migrations.", StringComparison.Ordinal);
}
