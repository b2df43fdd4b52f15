using Chokepoint.Core.Identity;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage;
using Chokepoint.Storage.Migrations;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Storage;

/// <summary>A database made by a2a672f (tables created with IF NOT EXISTS, no schema version) is taken over by the
/// migrations without loss, on SQLite and PostgreSQL; a new one gets every version; the invariants hold.</summary>
public sealed class MigrationTests
{
    /// <summary>What a2a672f's stores created, in its words (SqlSnapshotStore, LicensingStore), with a snapshot, an
    /// entity, a user and an audit event in it.</summary>
    private static string A2a672fSchema(bool postgres)
    {
        var id = postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        return $"""
            CREATE TABLE IF NOT EXISTS snapshots (id {id}, dataset TEXT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
                published TEXT NULL, imported_at TEXT NOT NULL, entity_count INTEGER NOT NULL, name_count INTEGER NOT NULL, counts_by_kind TEXT NOT NULL,
                counts_by_list TEXT NOT NULL, active INTEGER NOT NULL, UNIQUE (dataset, sha256));
            CREATE TABLE IF NOT EXISTS entities (snapshot_id BIGINT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE, source_id TEXT NOT NULL,
                list TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (snapshot_id, source_id));
            CREATE TABLE IF NOT EXISTS update_attempts (dataset TEXT NOT NULL, attempted_at TEXT NOT NULL, source TEXT NOT NULL, outcome TEXT NOT NULL,
                message TEXT NOT NULL, snapshot_id BIGINT NULL);
            CREATE TABLE IF NOT EXISTS organisations (id {id}, name TEXT NOT NULL UNIQUE, country TEXT NOT NULL, kind TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS users (id {id}, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id));
            CREATE TABLE IF NOT EXISTS audit_events (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT NULL, after TEXT NULL, reason TEXT NULL, versions TEXT NULL,
                prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
            INSERT INTO snapshots (dataset, format, source, sha256, published, imported_at, entity_count, name_count, counts_by_kind, counts_by_list, active)
                VALUES ('un-sc', 'un-xml', 'consolidated.xml', 'abc', '2026-02-27', '2026-11-30T10:00:00.0000000+00:00', 1, 1, '{"{"}"Person":1{"}"}', '{"{"}{"}"}', 1);
            INSERT INTO entities VALUES (1, '6907993', 'UN Security Council Consolidated List', 'Person', 'ERIC BADEGE', 'd1',
                '{"{"}"sourceId":"6907993","sourceList":"UN Security Council Consolidated List","kind":"Person","names":[{"{"}"value":"ERIC BADEGE","type":"Primary"{"}"}]{"}"}');
            INSERT INTO organisations (name, country, kind) VALUES ('Authority', 'CN', 'authority');
            INSERT INTO users (username, password_hash, role, organisation_id) VALUES ('auditor', 'x', 'auditor', 1);
            """;
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_database_made_by_a2a672f_is_migrated_without_loss(string kind)
    {
        using var scratch = new Scratch();
        var connection = await Stores.ConnectionAsync(kind, scratch);
        await using (var db = RecordDatabase.Open(connection))
        await using (var c = await db.ConnectAsync(CancellationToken.None))
        {
            await Exec(c, A2a672fSchema(kind == Stores.Postgres));
            // The legacy, unkeyed audit event a2a672f wrote for the user, and its head.
            var after = """{"id":1,"username":"auditor","role":"auditor","organisationId":1}""";
            var text = string.Join('\u001f', "1", "2026-11-30T10:00:00.0000000Z", "operator", "user.created", "user", "1", "\u0000", after, "\u0000", "\u0000", AuditChain.Genesis);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            await Exec(c, "INSERT INTO audit_events VALUES (1, '2026-11-30T10:00:00.0000000Z', 'operator', 'user.created', 'user', '1', NULL, @after, NULL, NULL, @g, @h)",
                ("after", after), ("g", AuditChain.Genesis), ("h", hash));
            await Exec(c, "INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, @h)", ("h", hash));
        }

        await using (var store = await SnapshotStores.OpenAsync(connection, CancellationToken.None))
        {
            var active = await store.GetActiveAsync("un-sc", CancellationToken.None);
            Assert.NotNull(active);
            Assert.Empty(active.Parts); // counted since version 2; none for a2a672f's snapshots
            Assert.Equal(new DateOnly(2026, 2, 27), active.Published);
            Assert.Equal(1, active.CountsByKind["Person"]);
            Assert.True(active.Active);
            var entity = await store.GetEntityAsync(active.Id, "6907993", CancellationToken.None);
            Assert.Equal("ERIC BADEGE", entity!.Entity.PrimaryName);
        }
        await using (var db = RecordDatabase.Open(connection))
        {
            var applied = await db.MigrateAsync(CancellationToken.None);
            Assert.Equal(SchemaMigrations.Scripts(SnapshotStores.IsPostgres(connection)), applied);
            var store = new LicensingStore(db, TimeProvider.System);
            var report = await new AuditService(store).VerifyAsync(Chokepoint.Core.Identity.Actor.Operator, CancellationToken.None);
            Assert.True(report.Intact, string.Join("; ", report.Breaks.Select(b => b.Problem)));
            Assert.Equal(1, report.UnkeyedEvents);

            // Version 3 keeps one active snapshot per dataset in the database itself.
            await using var c = await db.ConnectAsync(CancellationToken.None);
            await Exec(c, "INSERT INTO snapshots (dataset, format, source, sha256, imported_at, entity_count, name_count, counts_by_kind, counts_by_list, active) " +
                "VALUES ('un-sc', 'un-xml', 's', 'def', 'x', 0, 0, '{}', '{}', FALSE)");
            await Assert.ThrowsAnyAsync<DbException>(() => Exec(c, "UPDATE snapshots SET active = TRUE WHERE sha256 = 'def'"));

            // Version 4 gives PostgreSQL its own types for days, flags and JSON documents.
            if (kind == Stores.Postgres)
                foreach (var (table, column, type) in new[] { ("snapshots", "active", "boolean"), ("snapshots", "published", "date"), ("snapshots", "counts_by_kind", "jsonb"),
                    ("users", "locked", "boolean"), ("licences", "valid_to", "date"), ("usages", "reversed", "boolean"), ("applications", "body", "jsonb"),
                    ("classifications", "assessed_on", "date") })
                {
                    await using var cmd = RecordDatabase.Command(c, null, "SELECT data_type FROM information_schema.columns WHERE table_name = @t AND column_name = @c", ("t", table), ("c", column));
                    Assert.Equal(type, await cmd.ExecuteScalarAsync() as string);
                }
        }
    }

    [Fact]
    public async Task The_migrate_command_reports_every_version_and_is_repeatable()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("m.db");
        var first = await ChokepointCli.RunAsync("db", "migrate", "--db", db);
        Assert.Equal(0, first.Code);
        var versions = SchemaMigrations.Scripts(postgres: false).Count; // SQLite skips PostgreSQL's own steps
        Assert.Contains($"schema at version {versions} of {versions}", first.Out);
        Assert.DoesNotContain(".postgres.sql", first.Out);
        var again = await ChokepointCli.RunAsync("db", "migrate", "--db", db);
        Assert.Equal(first.Out, again.Out);
    }

    private static async Task Exec(DbConnection c, string sql, params (string, object?)[] args)
    {
        await using var cmd = RecordDatabase.Command(c, null, sql, args);
        await cmd.ExecuteNonQueryAsync();
    }
}
