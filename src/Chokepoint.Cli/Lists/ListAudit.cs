using Chokepoint.Core.Snapshots;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Cli.Lists;

/// <summary>Puts deliberate list changes (a snapshot activated by hand, a drop taken with --accept-drop) into the
/// hash-chained audit trail, beside the update log entry the store wrote with the change itself.</summary>
internal static class ListAudit
{
    public static async Task RecordAsync(string? db, string action, SnapshotInfo snapshot, SnapshotInfo? before, string reason, CancellationToken ct)
    {
        await using var database = RecordDatabase.Open(db);
        var store = new LicensingStore(database, TimeProvider.System);
        await store.EnsureSchemaAsync(ct);
        await new AuditService(store).RecordListChangeAsync(AccountService.Operator, action, snapshot, before, reason, ct);
    }
}
