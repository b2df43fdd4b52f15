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

    public Task EnsureSchemaAsync(CancellationToken ct) => db.EnsureSchemaAsync($"""
        CREATE TABLE IF NOT EXISTS organisations (id {db.Identity}, name TEXT NOT NULL UNIQUE, country TEXT NOT NULL, kind TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS users (id {db.Identity}, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
            organisation_id BIGINT NOT NULL REFERENCES organisations(id));
        CREATE TABLE IF NOT EXISTS api_keys (key_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id), label TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS applications (id {db.Identity}, organisation_id BIGINT NOT NULL REFERENCES organisations(id), state TEXT NOT NULL,
            body TEXT NOT NULL, submitted_on TEXT NULL, clock_started TEXT NULL, clock_limit INTEGER NOT NULL DEFAULT 0,
            paused_days INTEGER NOT NULL DEFAULT 0, paused_since TEXT NULL, evidence TEXT NULL, outcome TEXT NULL, messages TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE IF NOT EXISTS attachments (id {db.Identity}, application_id BIGINT NOT NULL REFERENCES applications(id), name TEXT NOT NULL,
            sha256 TEXT NOT NULL, size BIGINT NOT NULL, content {db.Bytes} NOT NULL);
        CREATE TABLE IF NOT EXISTS licences (id {db.Identity}, number TEXT NOT NULL UNIQUE, application_id BIGINT NOT NULL REFERENCES applications(id),
            organisation_id BIGINT NOT NULL, jurisdiction TEXT NOT NULL, type TEXT NOT NULL, state TEXT NOT NULL, valid_from TEXT NOT NULL,
            valid_to TEXT NOT NULL, end_user TEXT NOT NULL, destination TEXT NOT NULL, end_use TEXT NULL);
        CREATE TABLE IF NOT EXISTS licence_lines (licence_id BIGINT NOT NULL REFERENCES licences(id), line INTEGER NOT NULL, description TEXT NOT NULL,
            control_code TEXT NULL, hs_code TEXT NULL, quantity {db.Decimal} NULL, quantity_used {db.Decimal} NOT NULL, unit TEXT NULL, value {db.Decimal} NULL,
            value_used {db.Decimal} NOT NULL, currency TEXT NULL, control_mode TEXT NOT NULL, tolerance {db.Decimal} NOT NULL, PRIMARY KEY (licence_id, line));
        CREATE TABLE IF NOT EXISTS usages (id {db.Identity}, licence_id BIGINT NOT NULL REFERENCES licences(id), line INTEGER NOT NULL,
            declaration_ref TEXT NOT NULL, used_on TEXT NOT NULL, quantity {db.Decimal} NOT NULL, value {db.Decimal} NOT NULL, batch_id TEXT NULL,
            reversed INTEGER NOT NULL DEFAULT 0, UNIQUE (licence_id, declaration_ref, line));
        CREATE TABLE IF NOT EXISTS usage_batches (batch_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, result TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_events (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT NULL, after TEXT NULL, reason TEXT NULL, versions TEXT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
        INSERT INTO audit_head (id, seq, hash) SELECT 1, 0, '{AuditChain.Genesis}' WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1);
        """, ct, ("audit_events", "key_id", "TEXT NULL"), ("users", "locked", "INTEGER NOT NULL DEFAULT 0"));

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
