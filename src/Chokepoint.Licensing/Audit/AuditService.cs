using System.Text;
using Chokepoint.Core.Exports;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Licensing.Audit;

public sealed record AuditReport(long Events, bool Intact, IReadOnlyList<AuditBreak> Breaks);

/// <summary>Verification and export of the audit trail for auditors (CSV with spreadsheet formulas neutralised, or JSON).</summary>
public sealed class AuditService(LicensingStore store)
{
    public async Task<AuditReport> VerifyAsync(Actor actor, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Auditor, Roles.Administrator);
        var (events, head) = await store.ReadAuditAsync(ct);
        var breaks = AuditChain.Verify(events, head);
        return new AuditReport(events.Count, breaks.Count == 0, breaks);
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
