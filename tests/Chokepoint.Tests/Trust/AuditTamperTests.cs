using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Licensing.Audit;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;
using static Chokepoint.Tests.Licensing.LicensingFlow;

namespace Chokepoint.Tests.Trust;

/// <summary>
/// What someone with write access to the database (but not to the audit key) can do, and what verify says: forged
/// and rewritten events are caught by the keyed chain, records edited beside the trail by replaying it, and events
/// removed from the end (the head moved back, or everything deleted) by an anchor kept outside the database.
/// </summary>
public sealed class AuditTamperTests
{
    /// <summary>The chain's hash text, as an attacker who read the code would build it; with a key they guessed.</summary>
    private static string ForgedHash(long seq, string at, string actor, string action, string entity, string entityId, string? after, string previous)
    {
        var text = string.Join('\u001f', seq.ToString(CultureInfo.InvariantCulture), at, actor, action, entity, entityId, "\u0000", after ?? "\u0000", "\u0000", "\u0000", previous);
        return Convert.ToHexStringLower(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes(text)));
    }

    private static async Task ExecAsync(string connection, string sql, params (string, object?)[] args)
    {
        await using var db = RecordDatabase.Open(connection);
        await using var c = await db.ConnectAsync(CancellationToken.None);
        await using var cmd = RecordDatabase.Command(c, null, sql, args);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connection, string sql)
    {
        await using var db = RecordDatabase.Open(connection);
        await using var c = await db.ConnectAsync(CancellationToken.None);
        await using var cmd = RecordDatabase.Command(c, null, sql);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task<(int Code, string Out)> VerifyAsync(string connection, string? anchor = null)
    {
        var r = anchor is null
            ? await ChokepointCli.RunAsync("audit", "verify", "--db", connection)
            : await ChokepointCli.RunAsync("audit", "verify", "--db", connection, "--anchor", anchor);
        return (r.Code, r.Out + r.Err);
    }

    public static readonly TheoryData<string, string> Tampers = new()
    {
        { Stores.Sqlite, "forged-append" }, { Stores.Postgres, "forged-append" },
        { Stores.Sqlite, "rewrite-rest" }, { Stores.Postgres, "rewrite-rest" },
        { Stores.Sqlite, "unkeyed-append" },
        { Stores.Sqlite, "balance" }, { Stores.Postgres, "balance" },
        { Stores.Sqlite, "end-user" }, { Stores.Postgres, "end-user" },
        { Stores.Sqlite, "role" }, { Stores.Postgres, "role" },
    };

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Forged_events_and_records_changed_beside_the_trail_are_caught(string kind, string tamper)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        var number = await LicenceAsync(s, "GL-CN-700");
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/usages", "applicant", Usage("D-1", 10, 100));
        Assert.Equal(0, (await VerifyAsync(s.Connection)).Code);
        var last = await ScalarAsync<long>(s.Connection, "SELECT MAX(seq) FROM audit_events");
        var lastHash = await ScalarAsync<string>(s.Connection, "SELECT hash FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)");
        var keyId = await ScalarAsync<string>(s.Connection, "SELECT key_id FROM audit_events WHERE seq = 1");
        string expected;
        switch (tamper)
        {
            case "forged-append":
            {
                // A usage that never happened, appended with a hash computed the way the code does, and the head moved on.
                var at = "2026-12-01T00:00:00.0000000Z";
                var hash = ForgedHash(last + 1, at, "applicant", "usage.reversed", "licence", number, "[]", lastHash);
                await ExecAsync(s.Connection, "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, reason, versions, prev_hash, hash, key_id) " +
                    "VALUES (@s, @at, 'applicant', 'usage.reversed', 'licence', @n, NULL, '[]', NULL, NULL, @p, @h, @k)",
                    ("s", last + 1), ("at", at), ("n", number), ("p", lastHash), ("h", hash), ("k", keyId));
                await ExecAsync(s.Connection, "UPDATE audit_head SET seq = @s, hash = @h WHERE id = 1", ("s", last + 1), ("h", hash));
                expected = "edited or forged";
                break;
            }
            case "unkeyed-append":
            {
                var at = "2026-12-01T00:00:00.0000000Z";
                var text = string.Join('\u001f', (last + 1).ToString(CultureInfo.InvariantCulture), at, "x", "licence.revoked", "licence", number, "\u0000", "\u0000", "\u0000", "\u0000", lastHash);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                await ExecAsync(s.Connection, "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, reason, versions, prev_hash, hash, key_id) " +
                    "VALUES (@s, @at, 'x', 'licence.revoked', 'licence', @n, NULL, NULL, NULL, NULL, @p, @h, NULL)",
                    ("s", last + 1), ("at", at), ("n", number), ("p", lastHash), ("h", hash));
                await ExecAsync(s.Connection, "UPDATE audit_head SET seq = @s, hash = @h WHERE id = 1", ("s", last + 1), ("h", hash));
                expected = "written without the audit key";
                break;
            }
            case "rewrite-rest":
            {
                // Edit event 3 and recompute every hash after it, and the head: without the key the hashes cannot match.
                await ExecAsync(s.Connection, "UPDATE audit_events SET reason = 'rewritten' WHERE seq = 3");
                var previous = await ScalarAsync<string>(s.Connection, "SELECT prev_hash FROM audit_events WHERE seq = 3");
                for (var seq = 3L; seq <= last; seq++)
                {
                    var hash = ForgedHash(seq, "t", "a", "x", "e", "i", null, previous);
                    await ExecAsync(s.Connection, "UPDATE audit_events SET prev_hash = @p, hash = @h WHERE seq = @s", ("p", previous), ("h", hash), ("s", seq));
                    previous = hash;
                }
                await ExecAsync(s.Connection, "UPDATE audit_head SET hash = @h WHERE id = 1", ("h", previous));
                expected = "edited or forged";
                break;
            }
            case "balance":
                await ExecAsync(s.Connection, "UPDATE licence_lines SET quantity_used = @q", ("q", kind == Stores.Sqlite ? "0" : 0m));
                expected = "the balance was changed outside the trail";
                break;
            case "end-user":
                await ExecAsync(s.Connection, "UPDATE licences SET end_user = 'Front Company LLC'");
                expected = "names end user 'Front Company LLC'";
                break;
            case "role":
                await ExecAsync(s.Connection, "UPDATE users SET role = 'administrator' WHERE username = 'applicant'");
                expected = "user applicant has role administrator";
                break;
            default: throw new ArgumentException(tamper);
        }
        var (code, output) = await VerifyAsync(s.Connection);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN", output);
        Assert.Contains(expected, output);
        var http = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        Assert.False(http.GetProperty("intact").GetBoolean());
    }

    [Theory]
    [InlineData(Stores.Sqlite, "tail")]
    [InlineData(Stores.Postgres, "tail")]
    [InlineData(Stores.Sqlite, "everything")]
    [InlineData(Stores.Postgres, "everything")]
    public async Task An_anchor_proves_nothing_before_it_was_removed(string kind, string removal)
    {
        using var scratch = new Scratch();
        await using var s = await LicensingServer.StartAsync(kind);
        await LicenceAsync(s, "GL-CN-800");
        var anchor = scratch.Path("anchor.json");
        var anchored = await ChokepointCli.RunAsync("audit", "anchor", "--db", s.Connection, "--output", anchor);
        Assert.Equal(0, anchored.Code);
        Assert.Equal(0, (await VerifyAsync(s.Connection, anchor)).Code);
        var last = await ScalarAsync<long>(s.Connection, "SELECT MAX(seq) FROM audit_events");
        if (removal == "tail")
        {
            // The newest three events deleted and the head moved back onto the event before them: the chain is consistent.
            var keep = last - 3;
            var hash = await ScalarAsync<string>(s.Connection, $"SELECT hash FROM audit_events WHERE seq = {keep}");
            await ExecAsync(s.Connection, "DELETE FROM audit_events WHERE seq > @k", ("k", keep));
            await ExecAsync(s.Connection, "UPDATE audit_head SET seq = @k, hash = @h WHERE id = 1", ("k", keep), ("h", hash));
        }
        else
        {
            await ExecAsync(s.Connection, "DELETE FROM audit_events");
            await ExecAsync(s.Connection, "UPDATE audit_head SET seq = 0, hash = @g WHERE id = 1", ("g", AuditChain.Genesis));
        }
        var (code, output) = await VerifyAsync(s.Connection, anchor);
        Assert.Equal(1, code);
        Assert.Contains($"event {last}, anchored on", output);
        Assert.Contains("is gone", output);

        // A receipt edited to vouch for less is caught by its signature.
        File.WriteAllText(anchor, File.ReadAllText(anchor).Replace($"\"seq\": {last}", "\"seq\": 1", StringComparison.Ordinal));
        Assert.Contains("signature does not match", (await VerifyAsync(s.Connection, anchor)).Out);
    }

    [Fact]
    public async Task Verify_refuses_a_database_that_does_not_exist_and_leaves_none_behind()
    {
        using var scratch = new Scratch();
        var missing = scratch.Path("missing.db");
        var r = await ChokepointCli.RunAsync("audit", "verify", "--db", missing);
        Assert.Equal(1, r.Code);
        Assert.Contains("no database at", r.Err);
        Assert.False(File.Exists(missing));
        Assert.Equal(1, (await ChokepointCli.RunAsync("audit", "anchor", "--db", missing)).Code);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_rotated_key_signs_new_events_and_the_old_one_still_verifies()
    {
        using var scratch = new Scratch();
        var file = scratch.Path("keys");
        var first = AuditKeyRing.Load(null, file);
        var oldHash = AuditChain.HashOf(first, first.CurrentId, 1, "t", "a", "x", "e", "1", null, null, null, null, AuditChain.Genesis);
        var second = AuditKeyRing.Rotate(file);
        var ring = AuditKeyRing.Load(null, file);
        Assert.Equal(second, ring.CurrentId);
        Assert.NotEqual(first.CurrentId, ring.CurrentId);
        var events = new[]
        {
            new AuditEvent(1, "t", "a", "x", "e", "1", null, null, null, null, AuditChain.Genesis, oldHash, first.CurrentId),
        };
        var newHash = AuditChain.HashOf(ring, ring.CurrentId, 2, "t", "a", "x", "e", "1", null, null, null, null, oldHash);
        var chain = events.Append(new AuditEvent(2, "t", "a", "x", "e", "1", null, null, null, null, oldHash, newHash, ring.CurrentId)).ToList();
        Assert.Empty(AuditChain.Verify(chain, (2, newHash), ring));
        Assert.Throws<InvalidOperationException>(() => AuditKeyRing.Load("c2hvcnQ=", file)); // 5 bytes: too short
    }
}
