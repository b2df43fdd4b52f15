namespace Chokepoint.Storage;

/// <summary>Opens the store a connection string names: a PostgreSQL key-value string ("Host=...") or URL
/// ("postgres://..."), otherwise a SQLite file path.</summary>
public static class SnapshotStores
{
    public const string EnvironmentVariable = "CHOKEPOINT_DB";
    public const string DefaultSqliteFile = "chokepoint.db";

    public static async Task<ISnapshotStore> OpenAsync(string? connection, CancellationToken ct)
    {
        var target = string.IsNullOrWhiteSpace(connection)
            ? Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : DefaultSqliteFile
            : connection.Trim();
        return IsPostgres(target)
            ? await PostgresSnapshotStore.OpenAsync(target, ct).ConfigureAwait(false)
            : await SqliteSnapshotStore.OpenAsync(target, ct).ConfigureAwait(false);
    }

    public static bool IsPostgres(string connection) =>
        connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connection.Contains("Host=", StringComparison.OrdinalIgnoreCase);
}
