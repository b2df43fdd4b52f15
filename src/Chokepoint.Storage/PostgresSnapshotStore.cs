using System.Data.Common;
using Chokepoint.Core.Listings;
using Npgsql;
using NpgsqlTypes;

namespace Chokepoint.Storage;

/// <summary>The production store. Entities go in through binary COPY, which takes part in the import transaction.</summary>
public sealed class PostgresSnapshotStore : SqlSnapshotStore
{
    private readonly string _description;

    private PostgresSnapshotStore(NpgsqlConnection connection, string description) : base(connection) => _description = description;

    public override string Description => _description;

    public static async Task<PostgresSnapshotStore> OpenAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ToKeyValue(connectionString));
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"Not a valid PostgreSQL connection string: {e.Message}", e);
        }
        var description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"Cannot connect to {description}: {e.Message}", e);
        }
        var store = new PostgresSnapshotStore(connection, description);
        try
        {
            await Migrations.SchemaMigrations.MigrateAsync(builder.ConnectionString, ct).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    /// <summary>Accepts postgres://user:pass@host:port/db as well as the key-value form.</summary>
    public static string ToKeyValue(string connection)
    {
        if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || !uri.Scheme.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            return connection;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ConnectionString;
    }

    protected internal override async Task<IEntitySink> OpenEntitySinkAsync(DbTransaction tx, long snapshotId, CancellationToken ct)
    {
        var importer = await ((NpgsqlConnection)Connection).BeginBinaryImportAsync(
            "COPY entities (snapshot_id, source_id, list, kind, name, digest, body) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        return new Sink(importer, snapshotId);
    }

    private sealed class Sink(NpgsqlBinaryImporter importer, long snapshotId) : IEntitySink
    {
        public async Task AddAsync(ListedEntity entity, string body, string digest, CancellationToken ct)
        {
            await importer.StartRowAsync(ct).ConfigureAwait(false);
            await importer.WriteAsync(snapshotId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await importer.WriteAsync(entity.SourceId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await importer.WriteAsync(entity.SourceList, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await importer.WriteAsync(entity.Kind.ToString(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await importer.WriteAsync(entity.PrimaryName, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await importer.WriteAsync(digest, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await importer.WriteAsync(body, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            await importer.CompleteAsync(ct).ConfigureAwait(false);
            // The connection stays in COPY state until the importer is closed; the commit needs it back.
            await importer.CloseAsync(ct).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
