using System.Globalization;
using Chokepoint.Core.Snapshots;
using Chokepoint.Licensing.Accounts;
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
        await using var work = await store.BeginAsync(ct);
        await work.AuditAsync(AccountService.Operator, action, "snapshot", snapshot.Id.ToString(CultureInfo.InvariantCulture),
            before is null ? null : $"{before.Dataset} snapshot {before.Id} ({before.Published:yyyy-MM-dd}, {before.EntityCount} entries)",
            $"{snapshot.Dataset} snapshot {snapshot.Id} ({snapshot.Published:yyyy-MM-dd}, {snapshot.EntityCount} entries)", reason, null, ct);
        await work.CommitAsync(ct);
    }
}
