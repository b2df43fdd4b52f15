using Chokepoint.Core.Identity;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Chokepoint.Storage.Records;

namespace Chokepoint.Licensing.Audit;

/// <summary>
/// Replays the audit trail into what the records must be (every licence's state, end user and balances per line,
/// every user's role) and reports each row of the database that disagrees, or that no event accounts for: a balance
/// or role edited in the database directly is caught even though the chain itself is intact.
/// </summary>
internal static class AuditReconciliation
{
    private sealed class LicenceFacts
    {
        public long Seq;
        public string? State;
        public string? EndUser;
        public Dictionary<int, (decimal Quantity, decimal Value)> Used { get; } = [];
    }

    public static async Task<IReadOnlyList<AuditBreak>> CheckAsync(DbConnection c, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var licences = new Dictionary<string, LicenceFacts>(StringComparer.Ordinal);
        var roles = new Dictionary<long, (long Seq, string Role)>();
        foreach (var e in events)
        {
            if (e.Entity == "user" && e.Action == "user.created" && e.After is { } user)
            {
                using var u = JsonDocument.Parse(user);
                roles[long.Parse(e.EntityId, CultureInfo.InvariantCulture)] = (e.Seq, u.RootElement.GetProperty("role").GetString()!);
            }
            if (e.Entity != "licence" || e.After is not { } after) continue;
            if (!licences.TryGetValue(e.EntityId, out var facts)) licences[e.EntityId] = facts = new LicenceFacts();
            facts.Seq = e.Seq;
            using var doc = JsonDocument.Parse(after);
            var root = doc.RootElement;
            // Issued and amended events carry the whole licence; usage events its lines; state changes the state.
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("state", out var state)) facts.State = state.GetString();
                if (root.TryGetProperty("endUser", out var endUser)) facts.EndUser = endUser.GetString();
                if (root.TryGetProperty("lines", out var lines)) Lines(lines, facts);
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                // Usage events before the trail carried the state with the lines: the state may have moved unrecorded.
                Lines(root, facts);
                facts.State = null;
            }
        }

        var breaks = new List<AuditBreak>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = RecordDatabase.Command(c, null, "SELECT l.number, l.state, l.end_user, n.line, n.quantity_used, n.value_used FROM licences l LEFT JOIN licence_lines n ON n.licence_id = l.id ORDER BY l.number, n.line"))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var number = r.GetString(0);
                if (!licences.TryGetValue(number, out var facts))
                {
                    if (seen.Add(number)) breaks.Add(new AuditBreak(0, $"licence {number} is in the database but no audit event records it: created outside the trail"));
                    continue;
                }
                if (seen.Add(number))
                {
                    if (facts.State is { } s && s != r.GetString(1))
                        breaks.Add(new AuditBreak(facts.Seq, $"licence {number} is {r.GetString(1)} in the database, but the trail says {s}: changed outside the trail"));
                    if (facts.EndUser is { } eu && eu != r.GetString(2))
                        breaks.Add(new AuditBreak(facts.Seq, $"licence {number} names end user '{r.GetString(2)}' in the database, but the trail says '{eu}': changed outside the trail"));
                }
                if (r.IsDBNull(3)) continue;
                var line = Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture);
                var (q, v) = (Decimal(r.GetValue(4)), Decimal(r.GetValue(5)));
                if (facts.Used.TryGetValue(line, out var used) && (used.Quantity != q || used.Value != v))
                    breaks.Add(new AuditBreak(facts.Seq, $"licence {number} line {line}: {q} used ({v} in value) in the database, but the trail says {used.Quantity} ({used.Value}): the balance was changed outside the trail"));
            }
        }
        await using (var cmd = RecordDatabase.Command(c, null, "SELECT id, username, role FROM users ORDER BY id"))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                if (!roles.TryGetValue(id, out var role))
                    breaks.Add(new AuditBreak(0, $"user {r.GetString(1)} (id {id}) is in the database but no audit event records it: created outside the trail"));
                else if (role.Role != r.GetString(2))
                    breaks.Add(new AuditBreak(role.Seq, $"user {r.GetString(1)} has role {r.GetString(2)} in the database, but the trail says {role.Role}: changed outside the trail"));
            }
        }
        return breaks;
    }

    private static void Lines(JsonElement lines, LicenceFacts facts)
    {
        foreach (var l in lines.EnumerateArray())
            facts.Used[l.GetProperty("line").GetInt32()] = (l.GetProperty("quantityUsed").GetDecimal(), l.GetProperty("valueUsed").GetDecimal());
    }

    /// <summary>Decimals are NUMERIC on PostgreSQL and exact text on SQLite.</summary>
    private static decimal Decimal(object value) => value is string s ? decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture) : Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
