using Chokepoint.Core.Identity;
using System.Data.Common;
using System.Globalization;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Audit;
using Chokepoint.Storage.Records;

namespace Chokepoint.Licensing.Storage;

/// <summary>
/// The licensing tables and the unit of work every change goes through: one transaction that changes the records and
/// appends the audit event that says so, or changes nothing. Audit appends are serialised on the chain head row.
/// </summary>
public sealed class LicensingStore(RecordDatabase db, TimeProvider clock, AuditKeyRing? keys = null)
{
    public RecordDatabase Database => db;
    public TimeProvider Clock => clock;

    /// <summary>The keys the audit chain is signed with: outside the database.</summary>
    public AuditKeyRing Keys { get; } = keys ?? AuditKeyRing.Default;

    /// <summary>The licensing tables are part of the one schema (Chokepoint.Storage/Migrations).</summary>
    public Task EnsureSchemaAsync(CancellationToken ct) => db.MigrateAsync(ct);

    public async Task<UnitOfWork> BeginAsync(CancellationToken ct)
    {
        var c = await db.ConnectAsync(ct).ConfigureAwait(false);
        try
        {
            var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            return new UnitOfWork(this, c, tx);
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the whole chain and its head in order, for verification and export.</summary>
    public async Task<(List<AuditEvent> Events, (long, string)? Head)> ReadAuditAsync(CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct).ConfigureAwait(false);
        var events = new List<AuditEvent>();
        await using (var cmd = RecordDatabase.Command(c, null, "SELECT seq, at, actor, action, entity, entity_id, before, after, reason, versions, prev_hash, hash, key_id FROM audit_events ORDER BY seq"))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false))
                events.Add(new AuditEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                    Opt(r, 6), Opt(r, 7), Opt(r, 8), Opt(r, 9), r.GetString(10), r.GetString(11), Opt(r, 12)));
        await using var head = RecordDatabase.Command(c, null, "SELECT seq, hash FROM audit_head WHERE id = 1");
        await using var h = await head.ExecuteReaderAsync(ct).ConfigureAwait(false);
        (long, string)? headRow = await h.ReadAsync(ct).ConfigureAwait(false) ? (h.GetInt64(0), h.GetString(1)) : null;
        return (events, headRow);
    }

    internal static string? Opt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// <summary>One transaction: record changes plus their audit events. Disposed without <see cref="CommitAsync"/>, it changes nothing.</summary>
public sealed class UnitOfWork(LicensingStore store, DbConnection connection, DbTransaction tx) : IAsyncDisposable
{
    public DbConnection Connection => connection;
    public DbTransaction Transaction => tx;
    public string ForUpdate => store.Database.ForUpdate;
    public DateTimeOffset Now => store.Clock.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(store.Clock.GetUtcNow().UtcDateTime);

    public DbCommand Command(string sql, params (string, object?)[] args) => RecordDatabase.Command(connection, tx, sql, args);

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<long> InsertAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(sql + " RETURNING id", args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(sql, args);
        var v = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return v is DBNull ? null : v;
    }

    /// <summary>Rows of two text-valued columns, such as (key hash, user id).</summary>
    public async Task<IReadOnlyList<(string, string)>> PairsAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<(string, string)>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            rows.Add((Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!, Convert.ToString(r.GetValue(1), CultureInfo.InvariantCulture)!));
        return rows;
    }

    /// <summary>Takes the audit chain's head row for the rest of the transaction: units of work that read before they
    /// write (and must not interleave with another doing the same) start with this.</summary>
    public Task LockAsync(CancellationToken ct) => ScalarAsync("SELECT seq FROM audit_head WHERE id = 1" + store.Database.ForUpdate, ct);

    /// <summary>Appends an audit event to the chain inside this transaction. The head row is locked, so concurrent
    /// units of work append one after another and the chain never forks.</summary>
    public async Task AuditAsync(Actor actor, string action, string entity, string entityId, string? before, string? after, string? reason, string? versions, CancellationToken ct)
    {
        long seq;
        string previous;
        await using (var head = Command("SELECT seq, hash FROM audit_head WHERE id = 1" + store.Database.ForUpdate))
        await using (var r = await head.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await r.ReadAsync(ct).ConfigureAwait(false)) throw new InvalidOperationException("The audit chain has no head row.");
            (seq, previous) = (r.GetInt64(0) + 1, r.GetString(1));
        }
        var at = Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var keys = store.Keys;
        var hash = AuditChain.HashOf(keys, keys.CurrentId, seq, at, actor.ToString(), action, entity, entityId, before, after, reason, versions, previous);
        await ExecuteAsync("INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, reason, versions, prev_hash, hash, key_id) " +
            "VALUES (@seq, @at, @actor, @action, @entity, @id, @before, @after, @reason, @versions, @prev, @hash, @key)", ct,
            ("seq", seq), ("at", at), ("actor", actor.ToString()), ("action", action), ("entity", entity), ("id", entityId),
            ("before", before), ("after", after), ("reason", reason), ("versions", versions), ("prev", previous), ("hash", hash), ("key", keys.CurrentId));
        await ExecuteAsync("UPDATE audit_head SET seq = @seq, hash = @hash WHERE id = 1", ct, ("seq", seq), ("hash", hash));
    }

    public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
