using System.Security.Cryptography;
using System.Text;

namespace Chokepoint.Licensing.Audit;

/// <summary>One append-only audit event: who did what to which record, the state before and after, why, and under
/// which rule-data and list versions; chained to the previous event by hash.</summary>
public sealed record AuditEvent(
    long Seq, string At, string Actor, string Action, string Entity, string EntityId,
    string? Before, string? After, string? Reason, string? Versions, string PreviousHash, string Hash);

/// <summary>A break in the chain: the event at which verification failed and why.</summary>
public sealed record AuditBreak(long Seq, string Problem);

/// <summary>
/// The hash chain: each event's hash covers its own fields and the previous event's hash, so editing, deleting or
/// reordering any event changes every hash after it. The head (last sequence and hash) is kept apart, so that
/// deleting the newest events is caught too.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(long seq, string at, string actor, string action, string entity, string entityId,
        string? before, string? after, string? reason, string? versions, string previousHash)
    {
        var text = string.Join('\u001f', seq.ToString(System.Globalization.CultureInfo.InvariantCulture), at, actor, action, entity, entityId,
            before ?? "\u0000", after ?? "\u0000", reason ?? "\u0000", versions ?? "\u0000", previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks a chain read in sequence order against the stored head; returns every break found.</summary>
    public static IReadOnlyList<AuditBreak> Verify(IEnumerable<AuditEvent> events, (long Seq, string Hash)? head)
    {
        var breaks = new List<AuditBreak>();
        var (expectedSeq, previous) = (1L, Genesis);
        foreach (var e in events)
        {
            if (e.Seq != expectedSeq) breaks.Add(new AuditBreak(e.Seq, $"expected event {expectedSeq} here: an event was deleted or the order changed"));
            if (e.PreviousHash != previous) breaks.Add(new AuditBreak(e.Seq, "its link to the previous event does not match: an earlier event was changed, deleted or moved"));
            var hash = HashOf(e.Seq, e.At, e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After, e.Reason, e.Versions, e.PreviousHash);
            if (hash != e.Hash) breaks.Add(new AuditBreak(e.Seq, "its content does not match its hash: the event was edited"));
            (expectedSeq, previous) = (e.Seq + 1, e.Hash);
        }
        var last = expectedSeq - 1;
        if (head is { } h && (h.Seq != last || h.Hash != previous))
            breaks.Add(new AuditBreak(h.Seq, $"the chain ends at event {last} but its recorded head is event {h.Seq}: events were deleted from the end or the head was altered"));
        if (head is null && last > 0) breaks.Add(new AuditBreak(last, "the chain has no recorded head"));
        return breaks;
    }
}
