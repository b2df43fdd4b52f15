using Chokepoint.Core.Identity;
using Chokepoint.Core.Snapshots;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Storage;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Lists;

/// <summary>What an update run is asked to do: where the lists come from, whether a shrink is taken, how old is too old.</summary>
public sealed record UpdateRunOptions(UpdateSettings Settings, string? Folder = null, bool Offline = false, bool AcceptDrop = false, TimeSpan? MaxAge = null);

/// <summary>What an update run did: each download, each file of a local folder, the lists that serve now, and how a
/// scheduled job should take it (<see cref="ExitCode"/>).</summary>
public sealed record UpdateRunResult(
    string Source, IReadOnlyList<UpdateReport> Reports, IReadOnlyList<FolderItem> Items, IReadOnlyList<SnapshotInfo> Status,
    int Refused, int Unreachable, IReadOnlyList<SnapshotInfo> TooOld, DateTimeOffset At)
{
    /// <summary>Exit code: a download or file was refused (damaged, shrunk, dated ahead).</summary>
    public const int RefusedCode = 3;

    /// <summary>Exit code: a list could not be refreshed from its publisher, or is older than the allowed age.</summary>
    public const int StaleCode = 4;

    public bool NoPublisherReached => Reports.Count > 0 && Reports.All(r => r.Outcome == UpdateOutcome.Unreachable);

    public int ExitCode => Refused > 0 ? RefusedCode : Unreachable > 0 || TooOld.Count > 0 ? StaleCode : 0;
}

/// <summary>
/// The main job, for every host (the command line now, the server's schedule next): download every configured list
/// from its publisher behind the guard; when no publisher can be reached, import the local folder of publisher files
/// instead; record every drop taken with --accept-drop in the update log and the audit trail; report every list's
/// age. A refusal or an unreachable publisher never changes what serves.
/// </summary>
public sealed class UpdateRun(ISnapshotStore store, string? database, HttpClient http, TimeProvider clock, Action<string>? say = null, IProgress<ImportProgress>? progress = null)
{
    /// <summary>After this many lists in a row could not be reached, the network is taken to be down.</summary>
    private const int UnreachableInARow = 2;

    public async Task<UpdateRunResult> RunAsync(UpdateRunOptions options, CancellationToken ct)
    {
        var importer = new SnapshotImporter(store, clock);
        var folder = options.Folder;
        var reports = new List<UpdateReport>();
        if (folder is null && !options.Offline)
        {
            var updater = new ListUpdater(store, importer, http, options.Settings, clock) { AcceptDrop = options.AcceptDrop };
            var inARow = 0;
            foreach (var source in options.Settings.Lists)
            {
                say?.Invoke($"downloading {source.Dataset} from {source.Files[0].Url}");
                var report = await updater.UpdateAsync(source, progress, ct).ConfigureAwait(false);
                reports.Add(report);
                if (report.Import is { } imported) await RecordAcceptedDropAsync(imported, ct).ConfigureAwait(false);
                say?.Invoke($"  {report.Outcome}: {report.Message}");
                inARow = report.Outcome == UpdateOutcome.Unreachable ? inARow + 1 : 0;
                if (inARow >= UnreachableInARow && reports.All(r => r.Outcome == UpdateOutcome.Unreachable)) break;
            }
            if (reports.Count > 0 && reports.All(r => r.Outcome == UpdateOutcome.Unreachable))
            {
                folder = LocalFolder(options.Settings);
                say?.Invoke($"No publisher could be reached (no network here?). Using the local folder of publisher files instead: {Path.GetFullPath(folder)}");
            }
        }
        else
        {
            folder ??= LocalFolder(options.Settings);
        }
        IReadOnlyList<FolderItem> items = [];
        if (folder is not null)
        {
            say?.Invoke($"Source: local folder {Path.GetFullPath(folder)}");
            items = await new FolderImport(importer).ImportAsync(folder, new ImportOptions { AcceptDrop = options.AcceptDrop }, progress, ct).ConfigureAwait(false);
            foreach (var item in items) if (item.Result is { } r) await RecordAcceptedDropAsync(r, ct).ConfigureAwait(false);
        }
        var status = await store.ListAsync(true, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var tooOld = options.MaxAge is { } limit ? status.Where(s => ListAge.Of(s, now) > limit).ToList() : [];
        return new UpdateRunResult(folder is null ? "publishers" : Path.GetFullPath(folder), reports, items, status,
            reports.Count(r => r.Outcome == UpdateOutcome.Refused) + items.Count(i => i.Failed),
            reports.Count(r => r.Outcome == UpdateOutcome.Unreachable), tooOld, now);
    }

    private Task RecordAcceptedDropAsync(ImportResult result, CancellationToken ct) => RecordAcceptedDropAsync(store, database, result, clock.GetUtcNow(), ct);

    /// <summary>A drop taken with --accept-drop goes into the update log and the audit trail with its figures.</summary>
    public static async Task RecordAcceptedDropAsync(ISnapshotStore store, string? database, ImportResult result, DateTimeOffset at, CancellationToken ct)
    {
        if (result.AcceptedDrop is not { } figures) return;
        await store.RecordAttemptAsync(new UpdateAttempt(result.Snapshot.Dataset, at, result.Snapshot.Source, UpdateOutcome.AcceptedDrop, figures, result.Snapshot.Id), ct).ConfigureAwait(false);
        await RecordListChangeAsync(database, "list.accept-drop", result.Snapshot, result.Previous, figures, ct).ConfigureAwait(false);
    }

    /// <summary>Puts a deliberate list change (activated by hand, a drop accepted) into the audit trail.</summary>
    public static async Task RecordListChangeAsync(string? database, string action, SnapshotInfo snapshot, SnapshotInfo? before, string reason, CancellationToken ct)
    {
        await using var db = RecordDatabase.Open(database);
        var licensing = new LicensingStore(db, TimeProvider.System);
        await licensing.EnsureSchemaAsync(ct).ConfigureAwait(false);
        await new AuditService(licensing).RecordListChangeAsync(Actor.Operator, action, snapshot, before, reason, ct).ConfigureAwait(false);
    }

    private static string LocalFolder(UpdateSettings settings) =>
        Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env ? env : settings.FallbackFolder;
}
