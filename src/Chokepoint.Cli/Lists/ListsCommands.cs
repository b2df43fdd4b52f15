using Chokepoint.Application.Lists;
using System.CommandLine;
using System.Globalization;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;
using Chokepoint.Storage;

namespace Chokepoint.Cli.Lists;

/// <summary><c>chokepoint lists ...</c>: bring lists in, show their status, compare and inspect snapshots.</summary>
internal static class ListsCommands
{
    public static Command Build()
    {
        var lists = new Command("lists", "Sanctions and export-restriction lists: import, update, status, diff, show.");
        lists.Subcommands.Add(Import());
        lists.Subcommands.Add(Status());
        lists.Subcommands.Add(Diff());
        lists.Subcommands.Add(Show());
        lists.Subcommands.Add(UpdateCommand.Build());
        lists.Subcommands.Add(Activate());
        return lists;
    }

    private static Command Import()
    {
        var path = new Argument<string>("PATH") { Description = "A publisher file, an OFAC CSV folder, or a folder of publisher files" };
        var format = new Option<string?>("--format") { Description = $"One of {string.Join(", ", ListReaders.Formats)}; detected from content when omitted" };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset id to file the snapshot under (default: from the format)" };
        var published = new Option<string?>("--published") { Description = "Publication date yyyy-MM-dd, when the file does not state one" };
        var acceptDrop = AcceptDropOption();
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("import", "Import a list file into a new snapshot (one transaction; a bad file changes nothing).") { path, format, dataset, published, acceptDrop, db, json };
        cmd.SetAction(async (pr, ct) =>
        {
            DateOnly? date = null;
            if (pr.GetValue(published) is { } p)
            {
                if (!DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Output.Error($"--published '{p}' is not a date in the form yyyy-MM-dd");
                date = d;
            }
            var options = new ImportOptions { Format = pr.GetValue(format), Dataset = pr.GetValue(dataset), Published = date, AcceptDrop = pr.GetValue(acceptDrop) };
            if (options.Format is { } f && !ListReaders.Formats.Contains(f, StringComparer.OrdinalIgnoreCase))
                return Output.Error($"unknown format '{f}'; known formats: {string.Join(", ", ListReaders.Formats)}");
            return await WithStore(pr.GetValue(db), async store =>
            {
                var importer = new SnapshotImporter(store, TimeProvider.System);
                var target = pr.GetValue(path)!;
                var progress = new ConsoleProgress();
                if (Directory.Exists(target) && options.Format is null && !LooksLikeOfacFolder(target))
                {
                    var items = await new FolderImport(importer).ImportAsync(target, options, progress, ct);
                    progress.Done();
                    foreach (var item in items) if (item.Result is { } r) await RecordAcceptedDropAsync(store, pr.GetValue(db), r, ct);
                    var code = Report.Folder(items, pr.GetValue(json));
                    await Chokepoint.Cli.Monitoring.MonitoringCommands.AfterListChangeAsync(pr.GetValue(db), store, ct);
                    return code;
                }
                var result = await importer.ImportAsync(target, options, progress, ct);
                progress.Done();
                await RecordAcceptedDropAsync(store, pr.GetValue(db), result, ct);
                if (pr.GetValue(json)) Output.Json(result);
                else Report.Imported(target, result);
                await Chokepoint.Cli.Monitoring.MonitoringCommands.AfterListChangeAsync(pr.GetValue(db), store, ct);
                return 0;
            });
        });
        return cmd;
    }

    private static Command Status()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var all = new Option<bool>("--all") { Description = "Every snapshot, not only the active one of each dataset" };
        var cmd = new Command("status", "Per list: source, format, publication date, counts by kind, names, SHA-256, import time.") { db, json, all };
        cmd.SetAction((pr, ct) => WithStore(pr.GetValue(db), async store =>
        {
            var snapshots = await store.ListAsync(!pr.GetValue(all), ct);
            if (pr.GetValue(json)) Output.Json(snapshots);
            else Report.Status(store.Description, snapshots);
            return 0;
        }));
        return cmd;
    }

    private static Command Diff()
    {
        var oldId = new Argument<long>("OLD") { Description = "Snapshot id of the older snapshot (see lists status --all)" };
        var newId = new Argument<long>("NEW") { Description = "Snapshot id of the newer snapshot" };
        var limit = new Option<int>("--limit") { Description = "Entries to list per kind of change in text output", DefaultValueFactory = _ => 10 };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("diff", "Entries added, removed and changed between two snapshots of a list, by programme.") { oldId, newId, limit, db, json };
        cmd.SetAction((pr, ct) => WithStore(pr.GetValue(db), async store =>
        {
            var diff = await SnapshotDiff.CompareAsync(store, pr.GetValue(oldId), pr.GetValue(newId), ct);
            if (pr.GetValue(json)) Output.Json(diff);
            else Report.Diff(diff, pr.GetValue(limit));
            return 0;
        }));
        return cmd;
    }

    private static Command Show()
    {
        var id = new Argument<long>("ID") { Description = "Snapshot id" };
        var entity = new Option<string?>("--entity") { Description = "Show one entry by the publisher's id, as stored" };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("show", "One snapshot: its metadata, or one of its entries with --entity.") { id, entity, db, json };
        cmd.SetAction((pr, ct) => WithStore(pr.GetValue(db), async store =>
        {
            var snapshot = await store.GetAsync(pr.GetValue(id), ct);
            if (snapshot is null) return Output.Error($"no snapshot {pr.GetValue(id)} in {store.Description}");
            if (pr.GetValue(entity) is { } sourceId)
            {
                var stored = await store.GetEntityAsync(snapshot.Id, sourceId, ct);
                if (stored is null) return Output.Error($"snapshot {snapshot.Id} ({snapshot.Dataset}) has no entry '{sourceId}'");
                Output.Json(stored.Entity);
                return 0;
            }
            if (pr.GetValue(json)) Output.Json(snapshot);
            else Report.Status(store.Description, [snapshot]);
            return 0;
        }));
        return cmd;
    }

    internal static Option<bool> AcceptDropOption() => new("--accept-drop")
    {
        Description = "Take a list that lost entries, names, a kind, a source list or a companion file against the active one (a deliberate shrink; recorded in the audit trail)",
    };

    /// <summary>A drop taken with --accept-drop goes into the update log and the audit trail with its figures.</summary>
    internal static Task RecordAcceptedDropAsync(ISnapshotStore store, string? db, ImportResult result, CancellationToken ct) =>
        UpdateRun.RecordAcceptedDropAsync(store, db, result, DateTimeOffset.UtcNow, ct);

    private static Command Activate()
    {
        var id = new Argument<long>("SNAPSHOT-ID") { Description = "The snapshot to serve for its list (see lists status --all)" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("activate", "Make a snapshot the one its list serves: roll back to an earlier one or forward to a newer one, recorded in the audit trail.") { id, reason, db, json };
        cmd.SetAction((pr, ct) => WithStore(pr.GetValue(db), async store =>
        {
            var why = pr.GetValue(reason)!.Trim();
            if (why.Length == 0) return Output.Error("--reason must say why the snapshot is activated");
            var target = await store.GetAsync(pr.GetValue(id), ct);
            if (target is null) return Output.Error($"no snapshot {pr.GetValue(id)} in {store.Description}; see chokepoint lists status --all");
            if (target.Active) return Output.Error($"snapshot {target.Id} already serves {target.Dataset}");
            var before = await store.ActivateAsync(target.Id, why, DateTimeOffset.UtcNow, ct);
            var now = await store.GetAsync(target.Id, ct) ?? target;
            await UpdateRun.RecordListChangeAsync(pr.GetValue(db), "list.activate", now, before, why, ct);
            if (pr.GetValue(json)) Output.Json(new { activated = now, previous = before });
            else Console.Out.WriteLine($"{now.Dataset}: snapshot {now.Id} ({now.Published:yyyy-MM-dd}, {now.EntityCount:N0} entities) now serves; it replaced snapshot {before?.Id.ToString() ?? "none"}. Restart or reload servers to screen against it.");
            await Chokepoint.Cli.Monitoring.MonitoringCommands.AfterListChangeAsync(pr.GetValue(db), store, ct);
            return 0;
        }, existing: true));
        return cmd;
    }

    internal static bool LooksLikeOfacFolder(string dir) =>
        Directory.EnumerateFiles(dir).Any(f => Path.GetFileName(f).ToLowerInvariant() is "sdn.csv" or "cons_prim.csv");

    /// <summary>Runs <paramref name="action"/> on the store; <paramref name="existing"/> for commands that only read
    /// lists, which refuse a SQLite file that does not exist instead of creating an empty one.</summary>
    internal static async Task<int> WithStore(string? connection, Func<ISnapshotStore, Task<int>> action, bool existing = false)
    {
        try
        {
            await using var store = await SnapshotStores.OpenAsync(connection, CancellationToken.None, existing);
            return await action(store);
        }
        catch (Exception e) when (e is ListFormatException or ImportRefusedException or StoreException or ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException or Chokepoint.Licensing.LicensingException)
        {
            return Output.Error(e.Message);
        }
    }
}
