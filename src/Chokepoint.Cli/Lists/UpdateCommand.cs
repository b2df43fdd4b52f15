using System.CommandLine;
using Chokepoint.Application.Lists;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Updates;

namespace Chokepoint.Cli.Lists;

/// <summary>
/// <c>chokepoint lists update</c>: the main job (<see cref="UpdateRun"/>), with its report for people or scripts. The
/// exit code tells a scheduled job what it needs to know: 3 when any list was refused, 4 when one could not be
/// refreshed or is older than --max-age; the last good snapshot keeps serving in both cases.
/// </summary>
internal static class UpdateCommand
{
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
            var asJson = pr.GetValue(json);
            var progress = new ConsoleProgress();
            using var http = new HttpClient();
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Chokepoint/0.1 (+https://github.com/chokepoint)");
            var run = new UpdateRun(store, pr.GetValue(db), http, TimeProvider.System, asJson ? null : line => { progress.Done(); Console.Error.WriteLine(line); }, progress);
            var result = await run.RunAsync(new UpdateRunOptions(settings, pr.GetValue(from), pr.GetValue(offline), pr.GetValue(acceptDrop), oldest), ct);
            progress.Done();
            await Chokepoint.Cli.Monitoring.MonitoringCommands.AfterListChangeAsync(pr.GetValue(db), store, ct);
            if (asJson)
            {
                Output.Json(new
                {
                    source = result.Source, reports = result.Reports, items = result.Items,
                    status = result.Status.Select(s => new { snapshot = s, ageDays = Math.Round(ListAge.Of(s, result.At).TotalDays, 1) }),
                    refused = result.Refused, unreachable = result.Unreachable, tooOld = result.TooOld.Select(s => s.Dataset),
                });
                return result.ExitCode;
            }
            if (result.Items.Count > 0) Report.Folder(result.Items, false);
            Console.Out.WriteLine();
            Report.Status(store.Description, result.Status);
            if (result.Refused > 0) Console.Out.WriteLine($"{result.Refused} list file(s) REFUSED (see above); the last good snapshot of each keeps serving.");
            if (result.Unreachable > 0)
                Console.Out.WriteLine(result.NoPublisherReached
                    ? "No publisher could be reached: the lists come from the local folder and are as old as shown above (exit code 4 unless a file was refused)."
                    : $"{result.Unreachable} list(s) could not be refreshed from their publisher; they are as old as shown above.");
            foreach (var s in result.TooOld) Console.Out.WriteLine($"STALE {s.Dataset}: published {ListAge.Of(s, result.At).TotalDays:F0} days ago, older than --max-age {pr.GetValue(maxAge)}");
            return result.ExitCode;
        }));
        return cmd;
    }
}
