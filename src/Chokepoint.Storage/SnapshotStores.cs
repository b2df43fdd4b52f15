namespace Chokepoint.Storage;

/// <summary>Opens the store a connection string names: a PostgreSQL key-value string ("Host=...") or URL
/// ("postgres://..."), otherwise a SQLite file path.</summary>
public static class SnapshotStores
{
    public const string EnvironmentVariable = "CHOKEPOINT_DB";
    public const string DefaultSqliteFile = "chokepoint.db";

    /// <summary>Opens the store, creating a SQLite file that does not exist yet unless <paramref name="existing"/>: a
    /// command that only reads lists refuses then, rather than leave an empty database behind.</summary>
    public static async Task<ISnapshotStore> OpenAsync(string? connection, CancellationToken ct, bool existing = false)
    {
        var target = Target(connection);
        if (existing && !IsPostgres(target) && SqliteSnapshotStore.FilePath(target) is var file && !File.Exists(file))
            throw new StoreException($"no database at {file}: no list is loaded, so nobody can be cleared. Import lists first (chokepoint lists update, or lists import FOLDER).");
        return IsPostgres(target)
            ? await PostgresSnapshotStore.OpenAsync(target, ct).ConfigureAwait(false)
            : await SqliteSnapshotStore.OpenAsync(target, ct).ConfigureAwait(false);
    }

    /// <summary>The database a --db value names: itself, else $CHOKEPOINT_DB, else chokepoint.db.</summary>
    public static string Target(string? connection) => string.IsNullOrWhiteSpace(connection)
        ? Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : DefaultSqliteFile
        : connection.Trim();

    /// <summary>Refuses a SQLite file that does not exist, for commands that read: opening it would create it empty.</summary>
    public static void RequireExisting(string? connection)
    {
        var target = Target(connection);
        if (!IsPostgres(target) && SqliteSnapshotStore.FilePath(target) is var file && !File.Exists(file))
            throw new StoreException($"no database at {file}; nothing to read there (a new empty one is not created)");
    }

    public static bool IsPostgres(string connection) =>
        connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connection.Contains("Host=", StringComparison.OrdinalIgnoreCase);
}
