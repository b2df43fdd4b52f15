using Chokepoint.Core.Identity;
using System.Globalization;
using System.Text.Json;

namespace Chokepoint.Licensing.Audit;

/// <summary>
/// A signed receipt for the head of the chain (chokepoint audit anchor), kept outside the database: the database it
/// is for, the head event's number and hash, the time, and an HMAC over them under the audit key. Verified against
/// the chain later, it proves that no event up to the head was removed or rewritten since, which the chain alone
/// cannot: whoever can write the database can delete its newest events and move the head back.
/// </summary>
public sealed record AuditAnchor(string Database, long Seq, string Hash, string At, string KeyId, string Mac)
{
    private static string Text(string database, long seq, string hash, string at) =>
        string.Join('\u001f', "chokepoint-audit-anchor-v1", database, seq.ToString(CultureInfo.InvariantCulture), hash, at);

    public static AuditAnchor Create(AuditKeyRing keys, string database, long seq, string hash, DateTimeOffset at)
    {
        var when = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new AuditAnchor(database, seq, hash, when, keys.CurrentId, keys.Mac(keys.CurrentId, Text(database, seq, hash, when)));
    }

    public static AuditAnchor Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditAnchor>(File.ReadAllText(file), Json.Options) ?? throw new InvalidDataException($"{file} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not an audit anchor: {e.Message}", e);
        }
    }

    /// <summary>What is wrong between this receipt and the chain read now; nothing when the chain still holds the
    /// anchored head unchanged.</summary>
    public IReadOnlyList<AuditBreak> Check(IReadOnlyList<AuditEvent> events, AuditKeyRing keys, string database)
    {
        if (!keys.Has(KeyId)) return [new AuditBreak(Seq, $"the anchor is signed with key '{KeyId}', which is not in {keys.Source}")];
        if (keys.Mac(KeyId, Text(Database, Seq, Hash, At)) != Mac) return [new AuditBreak(Seq, "the anchor's signature does not match its contents: the receipt was altered")];
        if (Database != database) return [new AuditBreak(Seq, $"the anchor is for {Database}, not {database}")];
        var anchored = events.FirstOrDefault(e => e.Seq == Seq);
        if (anchored is null)
            return [new AuditBreak(Seq, $"event {Seq}, anchored on {At}, is gone: the chain holds {events.Count:N0} events; events were deleted or the chain was rebuilt")];
        return anchored.Hash == Hash ? [] : [new AuditBreak(Seq, $"event {Seq} differs from the one anchored on {At}: the chain up to it was rewritten")];
    }
}
