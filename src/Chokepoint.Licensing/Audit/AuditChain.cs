using Chokepoint.Core.Identity;
using System.Security.Cryptography;
using System.Text;

namespace Chokepoint.Licensing.Audit;

/// <summary>One append-only audit event: who did what to which record, the state before and after, why, and under
/// which rule-data and list versions; chained to the previous event by a keyed hash.</summary>
public sealed record AuditEvent(
    long Seq, string At, string Actor, string Action, string Entity, string EntityId,
    string? Before, string? After, string? Reason, string? Versions, string PreviousHash, string Hash, string? KeyId = null);

/// <summary>A break in the chain, or a record that disagrees with it: the event (0 for none) and why.</summary>
public sealed record AuditBreak(long Seq, string Problem);

/// <summary>
/// The chain: each event's hash is an HMAC, under a key kept outside the database (<see cref="AuditKeyRing"/>), of its
/// own fields and the previous event's hash. Editing, deleting or reordering an event breaks every link after it, and
/// without the key nobody can write an event, or a whole new chain, that verifies. Events written before the chain was
/// keyed (KeyId null) carry a plain SHA-256 and are accepted only as a prefix.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static string Text(long seq, string at, string actor, string action, string entity, string entityId,
        string? before, string? after, string? reason, string? versions, string previousHash) =>
        string.Join('\u001f', seq.ToString(System.Globalization.CultureInfo.InvariantCulture), at, actor, action, entity, entityId,
            before ?? "\u0000", after ?? "\u0000", reason ?? "\u0000", versions ?? "\u0000", previousHash);

    public static string HashOf(AuditKeyRing keys, string keyId, long seq, string at, string actor, string action, string entity, string entityId,
        string? before, string? after, string? reason, string? versions, string previousHash) =>
        keys.Mac(keyId, Text(seq, at, actor, action, entity, entityId, before, after, reason, versions, previousHash));

    /// <summary>The unkeyed hash of events written before the chain was keyed.</summary>
    private static string LegacyHashOf(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(e.Seq, e.At, e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After, e.Reason, e.Versions, e.PreviousHash))));

    /// <summary>Checks a chain read in sequence order against the stored head; returns every break found.</summary>
    public static IReadOnlyList<AuditBreak> Verify(IEnumerable<AuditEvent> events, (long Seq, string Hash)? head, AuditKeyRing keys)
    {
        var breaks = new List<AuditBreak>();
        var (expectedSeq, previous) = (1L, Genesis);
        var keyed = false;
        foreach (var e in events)
        {
            if (e.Seq != expectedSeq) breaks.Add(new AuditBreak(e.Seq, $"expected event {expectedSeq} here: an event was deleted or the order changed"));
            if (e.PreviousHash != previous) breaks.Add(new AuditBreak(e.Seq, "its link to the previous event does not match: an earlier event was changed, deleted or moved"));
            if (e.KeyId is null)
            {
                if (keyed) breaks.Add(new AuditBreak(e.Seq, "an unkeyed event after keyed ones: it was written without the audit key, so it is forged"));
                else if (LegacyHashOf(e) != e.Hash) breaks.Add(new AuditBreak(e.Seq, "its content does not match its hash: the event was edited"));
            }
            else
            {
                keyed = true;
                if (!keys.Has(e.KeyId)) breaks.Add(new AuditBreak(e.Seq, $"it is signed with key '{e.KeyId}', which is not in {keys.Source}: written with another key, or forged"));
                else if (HashOf(keys, e.KeyId, e.Seq, e.At, e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After, e.Reason, e.Versions, e.PreviousHash) != e.Hash)
                    breaks.Add(new AuditBreak(e.Seq, "its content does not match its keyed hash: the event was edited or forged"));
            }
            (expectedSeq, previous) = (e.Seq + 1, e.Hash);
        }
        var last = expectedSeq - 1;
        if (head is { } h && (h.Seq != last || h.Hash != previous))
            breaks.Add(new AuditBreak(h.Seq, $"the chain ends at event {last} but its recorded head is event {h.Seq}: events were deleted from the end or the head was altered"));
        if (head is null && last > 0) breaks.Add(new AuditBreak(last, "the chain has no recorded head"));
        return breaks;
    }
}
