using Chokepoint.Core.Identity;
using System.Text;
using Chokepoint.Core.Exports;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Licensing.Audit;

/// <summary>What verification found: the chain, the records replayed from it, and the anchor when one was given.</summary>
public sealed record AuditReport(long Events, bool Intact, IReadOnlyList<AuditBreak> Breaks, long UnkeyedEvents, bool Anchored);

/// <summary>Verification and export of the audit trail for auditors (CSV with spreadsheet formulas neutralised, or JSON).</summary>
public sealed class AuditService(LicensingStore store)
{
    /// <summary>Checks the keyed chain, replays it against the licence and user rows, and, given an anchor, that
    /// the chain still holds the anchored head.</summary>
    public async Task<AuditReport> VerifyAsync(Actor actor, CancellationToken ct, AuditAnchor? anchor = null)
    {
        Guard.Role(actor, Roles.Auditor, Roles.Administrator);
        var (events, head) = await store.ReadAuditAsync(ct);
        var breaks = AuditChain.Verify(events, head, store.Keys).ToList();
        await using (var c = await store.Database.ConnectAsync(ct)) breaks.AddRange(await AuditReconciliation.CheckAsync(c, events, ct));
        if (anchor is not null) breaks.AddRange(anchor.Check(events, store.Keys, store.Database.Description));
        return new AuditReport(events.Count, breaks.Count == 0, breaks, events.Count(e => e.KeyId is null), anchor is not null);
    }

    /// <summary>Records a deliberate change of which list snapshot serves (activated by hand, a drop accepted) in
    /// the trail, so that the lists a screening ran on can be accounted for later.</summary>
    public async Task RecordListChangeAsync(Actor actor, string action, Chokepoint.Core.Snapshots.SnapshotInfo snapshot, Chokepoint.Core.Snapshots.SnapshotInfo? before, string reason, CancellationToken ct)
    {
        static string Of(Chokepoint.Core.Snapshots.SnapshotInfo s) =>
            $"{s.Dataset} snapshot {s.Id} ({s.Published:yyyy-MM-dd}, {s.EntityCount} entries)";
        await using var u = await store.BeginAsync(ct);
        await u.AuditAsync(actor, action, "snapshot", snapshot.Id.ToString(),
            before is null ? null : Of(before), Of(snapshot), reason, null, ct);
        await u.CommitAsync(ct);
    }

    /// <summary>Records an update of every list asked for by a person (the workplace's "update now").</summary>
    public async Task RecordListUpdateAsync(Actor actor, string source, string outcome, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        await u.AuditAsync(actor, "lists.updated", "lists", source, null, outcome, "update now", null, ct);
        await u.CommitAsync(ct);
    }

    /// <summary>A signed receipt for the chain's head now, to keep outside the database (chokepoint audit anchor).</summary>
    public async Task<AuditAnchor> AnchorAsync(Actor actor, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Auditor, Roles.Administrator);
        var (events, head) = await store.ReadAuditAsync(ct);
        var breaks = AuditChain.Verify(events, head, store.Keys);
        if (breaks.Count > 0) throw LicensingException.Conflict($"The chain is broken ({breaks[0].Problem}, event {breaks[0].Seq}); an anchor would vouch for a broken chain.");
        var (seq, hash) = head ?? (0, AuditChain.Genesis);
        return AuditAnchor.Create(store.Keys, store.Database.Description, seq, hash, store.Clock.GetUtcNow());
    }

    public async Task<string> ExportAsync(Actor actor, string format, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Auditor, Roles.Administrator);
        var (events, _) = await store.ReadAuditAsync(ct);
        if (format == "json") return Json.Write(events);
        if (format != "csv") throw LicensingException.Bad("format must be csv or json.");
        var csv = new StringBuilder("seq,at,actor,action,entity,entity_id,before,after,reason,versions,prev_hash,hash\n");
        foreach (var e in events)
        {
            string[] cells = [e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At, e.Actor, e.Action, e.Entity, e.EntityId,
                e.Before ?? "", e.After ?? "", e.Reason ?? "", e.Versions ?? "", e.PreviousHash, e.Hash];
            csv.Append(SafeCsv.Row(cells)).Append('\n');
        }
        return csv.ToString();
    }
}
