using Chokepoint.Storage;
using Npgsql;

namespace Chokepoint.Tests.Support;

/// <summary>
/// Fresh, empty stores for tests: a SQLite file in a temp folder, or a new database on the throwaway PostgreSQL
/// server that test.sh starts (connection in CHOKEPOINT_TEST_PG). PostgreSQL tests fail, never skip, when it is missing.
/// </summary>
public static class Stores
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public static readonly TheoryData<string> Both = new() { Sqlite, Postgres };

    public static async Task<(ISnapshotStore Store, string Connection)> CreateAsync(string kind, Scratch scratch)
    {
        var connection = await ConnectionAsync(kind, scratch);
        return (await SnapshotStores.OpenAsync(connection, CancellationToken.None), connection);
    }

    /// <summary>A connection string to a fresh, empty database of the kind named.</summary>
    public static async Task<string> ConnectionAsync(string kind, Scratch scratch) =>
        kind == Sqlite ? scratch.Path("test.db") : await NewPostgresDatabaseAsync();

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("CHOKEPOINT_TEST_PG") is { Length: > 0 } pg
            ? pg
            : throw new InvalidOperationException("CHOKEPOINT_TEST_PG is not set: the PostgreSQL tests need a server. Run ./test.sh, which starts a throwaway one on 127.0.0.1:55432.");

    private static async Task<string> NewPostgresDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin); // name is generated here, not input
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ConnectionString;
    }
}
