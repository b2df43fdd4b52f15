using System.CommandLine;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;

namespace Chokepoint.Cli.Lists;

/// <summary>
/// <c>chokepoint lists update</c>: the main job. Downloads every configured list from its publisher; when publishers
/// cannot be reached (as on machines without network), says so and imports the local folder of publisher files instead;
/// then shows the status and age of every list. The exit code tells a scheduled job what it needs to know:
/// <see cref="Refused"/> when any list was refused, <see cref="Stale"/> when one could not be refreshed or is older
/// than --max-age; the last good snapshot keeps serving in both cases.
/// </summary>
internal static class UpdateCommand
{
    /// <summary>Exit code: a download or file was refused (damaged, shrunk, dated ahead).</summary>
    public const int Refused = 3;

    /// <summary>Exit code: a list could not be refreshed from its publisher, or is older than --max-age.</summary>
    public const int Stale = 4;

    /// <summary>After this many lists in a row could not be reached, the network is taken to be down.</summary>
    private const int UnreachableInARow = 2;

    public static Command Build()
    {
        var config = new Option<string?>("--config") { Description = "Download settings (default: sources.json beside the program)" };
        var from = new Option<string?>("--from") { Description = "Import this folder of publisher files instead of downloading (default fallback: $CHOKEPOINT_DATA, else the settings' fallbackFolder)" };
        var offline = new Option<bool>("--offline") { Description = "Do not try the publishers; import the local folder" };
        var maxAge = new Option<string?>("--max-age") { Description = "A list published longer ago than this is an error (exit 4): days (30, 30d) or hours (36h)" };
        var acceptDrop = ListsCommands.AcceptDropOption();
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("update", "Bring every list up to date from its publisher (or a local folder), then show their status.") { config, from, offline, maxAge, acceptDrop, db, json };
        cmd.SetAction((pr, ct) => ListsCommands.WithStore(pr.GetValue(db), async store =>
        {
            TimeSpan? oldest = null;
            if (pr.GetValue(maxAge) is { } ageText && (oldest = ListAge.Parse(ageText)) is null)
                return Output.Error($"--max-age '{ageText}' is not an age: give days (30 or 30d) or hours (36h)");
            var settings = UpdateSettings.Load(pr.GetValue(config) ?? Path.Combine(AppContext.BaseDirectory, "sources.json"));
            var importer = new SnapshotImporter(store, TimeProvider.System);
            var progress = new ConsoleProgress();
            var asJson = pr.GetValue(json);
            var folder = pr.GetValue(from);
            var reports = new List<UpdateReport>();
            if (folder is null && !pr.GetValue(offline))
            {
                using var http = new HttpClient();
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Chokepoint/0.1 (+https://github.com/chokepoint)");
                var updater = new ListUpdater(store, importer, http, settings, TimeProvider.System) { AcceptDrop = pr.GetValue(acceptDrop) };
                var inARow = 0;
                foreach (var source in settings.Lists)
                {
                    if (!asJson) Console.Error.WriteLine($"downloading {source.Dataset} from {source.Files[0].Url}");
                    var report = await updater.UpdateAsync(source, progress, ct);
                    progress.Done();
                    reports.Add(report);
                    if (report.Import is { } imported) await ListsCommands.RecordAcceptedDropAsync(store, pr.GetValue(db), imported, ct);
                    if (!asJson) Console.Error.WriteLine($"  {report.Outcome}: {report.Message}");
                    inARow = report.Outcome == UpdateOutcome.Unreachable ? inARow + 1 : 0;
                    if (inARow >= UnreachableInARow && reports.All(r => r.Outcome == UpdateOutcome.Unreachable)) break;
                }
                if (reports.Count > 0 && reports.All(r => r.Outcome == UpdateOutcome.Unreachable))
                {
                    folder = Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env ? env : settings.FallbackFolder;
                    Console.Error.WriteLine($"No publisher could be reached (no network here?). Using the local folder of publisher files instead: {Path.GetFullPath(folder)}");
                }
            }
            else
            {
                folder ??= Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env ? env : settings.FallbackFolder;
            }
            var refused = reports.Count(r => r.Outcome == UpdateOutcome.Refused);
            var unreachable = reports.Count(r => r.Outcome == UpdateOutcome.Unreachable);
            IReadOnlyList<FolderItem> items = [];
            if (folder is not null)
            {
                if (!asJson) Console.Error.WriteLine($"Source: local folder {Path.GetFullPath(folder)}");
                items = await new FolderImport(importer).ImportAsync(folder, new ImportOptions { AcceptDrop = pr.GetValue(acceptDrop) }, progress, ct);
                progress.Done();
                foreach (var item in items) if (item.Result is { } r) await ListsCommands.RecordAcceptedDropAsync(store, pr.GetValue(db), r, ct);
                if (!asJson) Report.Folder(items, false);
                refused += items.Count(i => i.Failed);
            }
            var status = await store.ListAsync(true, ct);
            var now = DateTimeOffset.UtcNow;
            var tooOld = oldest is { } limit ? status.Where(s => ListAge.Of(s, now) > limit).ToList() : [];
            if (asJson)
            {
                Output.Json(new
                {
                    source = folder is null ? "publishers" : Path.GetFullPath(folder),
                    reports, items,
                    status = status.Select(s => new { snapshot = s, ageDays = Math.Round(ListAge.Of(s, now).TotalDays, 1) }),
                    refused, unreachable, tooOld = tooOld.Select(s => s.Dataset),
                });
            }
            else
            {
                Console.Out.WriteLine();
                Report.Status(store.Description, status);
                if (refused > 0) Console.Out.WriteLine($"{refused} list file(s) REFUSED (see above); the last good snapshot of each keeps serving.");
                if (unreachable > 0)
                    Console.Out.WriteLine(reports.All(r => r.Outcome == UpdateOutcome.Unreachable)
                        ? "No publisher could be reached: the lists come from the local folder and are as old as shown above (exit code 4 unless a file was refused)."
                        : $"{unreachable} list(s) could not be refreshed from their publisher; they are as old as shown above.");
                foreach (var s in tooOld) Console.Out.WriteLine($"STALE {s.Dataset}: published {ListAge.Of(s, now).TotalDays:F0} days ago, older than --max-age {pr.GetValue(maxAge)}");
            }
            return refused > 0 ? Refused : unreachable > 0 || tooOld.Count > 0 ? Stale : 0;
        }));
        return cmd;
    }
}
