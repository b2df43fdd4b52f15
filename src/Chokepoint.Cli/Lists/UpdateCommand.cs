using System.CommandLine;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;

namespace Chokepoint.Cli.Lists;

/// <summary>
/// <c>chokepoint lists update</c>: the main job. Downloads every configured list from its publisher; when publishers
/// cannot be reached (as on machines without network), says so and imports the local folder of publisher files instead;
/// then shows the status of every list.
/// </summary>
internal static class UpdateCommand
{
    /// <summary>After this many lists in a row could not be reached, the network is taken to be down.</summary>
    private const int UnreachableInARow = 2;

    public static Command Build()
    {
        var config = new Option<string?>("--config") { Description = "Download settings (default: sources.json beside the program)" };
        var from = new Option<string?>("--from") { Description = "Import this folder of publisher files instead of downloading (default fallback: $CHOKEPOINT_DATA, else the settings' fallbackFolder)" };
        var offline = new Option<bool>("--offline") { Description = "Do not try the publishers; import the local folder" };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("update", "Bring every list up to date from its publisher (or a local folder), then show their status.") { config, from, offline, db, json };
        cmd.SetAction((pr, ct) => ListsCommands.WithStore(pr.GetValue(db), async store =>
        {
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
                var updater = new ListUpdater(store, importer, http, settings, TimeProvider.System);
                var inARow = 0;
                foreach (var source in settings.Lists)
                {
                    if (!asJson) Console.Error.WriteLine($"downloading {source.Dataset} from {source.Files[0].Url}");
                    var report = await updater.UpdateAsync(source, progress, ct);
                    progress.Done();
                    reports.Add(report);
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
            var failed = reports.Count(r => r.Outcome == UpdateOutcome.Refused);
            if (folder is not null)
            {
                if (!asJson) Console.Error.WriteLine($"Source: local folder {Path.GetFullPath(folder)}");
                var items = await new FolderImport(importer).ImportAsync(folder, new ImportOptions(), progress, ct);
                progress.Done();
                if (asJson) Output.Json(new { source = Path.GetFullPath(folder), items, status = await store.ListAsync(true, ct) });
                else Report.Folder(items, false);
                failed += items.Count(i => i.Failed);
            }
            else if (asJson)
            {
                Output.Json(new { source = "publishers", reports, status = await store.ListAsync(true, ct) });
            }
            if (!asJson)
            {
                Console.Out.WriteLine();
                Report.Status(store.Description, await store.ListAsync(true, ct));
            }
            return failed == 0 ? 0 : 1;
        }));
        return cmd;
    }
}
