using Chokepoint.Application.Lists;
using System.Globalization;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Cli.Lists;

/// <summary>The text forms of the lists commands' results.</summary>
internal static class Report
{
    public static void Imported(string path, ImportResult r)
    {
        var s = r.Snapshot;
        Console.Out.WriteLine(r.Unchanged
            ? $"{path}: identical to snapshot {s.Id} of {s.Dataset} (SHA-256 {s.Sha256[..12]}...); nothing imported{(s.Active ? "; it serves" : $"; it does not serve (another snapshot is active): chokepoint lists activate {s.Id} --reason ... to serve it")}"
            : $"{path}: snapshot {s.Id} of {s.Dataset} ({r.Reader}), {s.EntityCount:N0} entities, {s.NameCount:N0} names, published {Date(s.Published)}, {r.Elapsed.TotalSeconds:F2} s{(s.Active ? ", now active" : ", kept inactive: a newer publication is active")}");
        foreach (var note in r.Notes) Console.Out.WriteLine($"  note: {note}");
    }

    public static int Folder(IReadOnlyList<FolderItem> items, bool json)
    {
        if (json)
        {
            Output.Json(items);
            return items.Any(i => i.Failed) ? 1 : 0;
        }
        foreach (var i in items.Where(i => i.Result is not null)) Imported(i.Path, i.Result!);
        foreach (var i in items.Where(i => i.Failed)) Console.Out.WriteLine($"REFUSED {i.Problem}");
        var skipped = items.Where(i => i.Result is null && !i.Failed).ToList();
        if (skipped.Count > 0)
        {
            Console.Out.WriteLine($"skipped {skipped.Count} file(s) that are not list files (schemas, nomenclatures, trade data):");
            foreach (var i in skipped) Console.Out.WriteLine($"  {i.Path}: {i.Problem}");
        }
        return items.Any(i => i.Failed) ? 1 : 0;
    }

    public static void Status(string database, IReadOnlyList<SnapshotInfo> snapshots)
    {
        Console.Out.WriteLine($"Lists in {database}:");
        if (snapshots.Count == 0)
        {
            Console.Out.WriteLine("  none. Screening refuses to run until a list is imported: run `chokepoint lists update`.");
            return;
        }
        Output.Table(
            [new("id"), new("dataset"), new("format", WideOnly: true), new("published"), new("age (days)", Right: true), new("entities", Right: true),
                new("by kind", WideOnly: true), new("names", Right: true), new("sha256", WideOnly: true), new("imported (UTC)", WideOnly: true), new("source")],
            snapshots.Select(s => (IReadOnlyList<string>)
            [
                s.Id.ToString() + (s.Active ? "*" : ""),
                s.Dataset,
                s.Format,
                Date(s.Published),
                ListAge.Of(s, DateTimeOffset.UtcNow).TotalDays.ToString("F0", CultureInfo.InvariantCulture),
                s.EntityCount.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(" ", s.CountsByKind.Select(k => $"{k.Key}={k.Value}")),
                s.NameCount.ToString("N0", CultureInfo.InvariantCulture),
                s.Sha256[..12],
                s.ImportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                s.Source,
            ]));
        Console.Out.WriteLine("* active: the snapshot screening uses");
    }

    public static void Diff(DiffResult d, int limit)
    {
        Console.Out.WriteLine($"{d.Old.Dataset}: snapshot {d.Old.Id} ({Date(d.Old.Published)}, {d.Old.EntityCount:N0}) -> snapshot {d.New.Id} ({Date(d.New.Published)}, {d.New.EntityCount:N0})");
        Console.Out.WriteLine($"added {d.Added.Count:N0}, removed {d.Removed.Count:N0}, changed {d.Changed.Count:N0}");
        if (d.ChangedFieldCounts.Count > 0)
            Console.Out.WriteLine("changed fields: " + string.Join(", ", d.ChangedFieldCounts.Select(f => $"{f.Key} {f.Value:N0}")));
        Console.Out.WriteLine();
        Output.Table([new("programme"), new("added", Right: true), new("removed", Right: true), new("changed", Right: true)],
            d.ByProgramme.Select(p => (IReadOnlyList<string>)[p.Programme, Num(p.Added), Num(p.Removed), Num(p.Changed)]));
        foreach (var (title, list) in new[] { ("added", d.Added), ("removed", d.Removed), ("changed", d.Changed) })
        {
            if (list.Count == 0 || limit <= 0) continue;
            Console.Out.WriteLine();
            Console.Out.WriteLine($"{title} (first {Math.Min(limit, list.Count)} of {list.Count:N0}):");
            foreach (var e in list.Take(limit))
                Console.Out.WriteLine($"  {e.SourceId}  {e.Name}  [{string.Join(", ", e.Programmes)}]{(e.ChangedFields.Count > 0 ? "  fields: " + string.Join(", ", e.ChangedFields) : "")}");
        }
    }

    /// <summary>The snapshots a screening or decision used, by list: "un-sc snapshot 9 (2026-02-27), ...".</summary>
    public static string Versions(IReadOnlyList<SnapshotInfo> known, IEnumerable<Chokepoint.Core.Values.SnapshotId> used)
    {
        var byId = known.ToDictionary(s => s.Id);
        var named = used.Select(id => byId.TryGetValue(id, out var s) ? $"{s.Dataset} snapshot {id} ({Date(s.Published)})" : $"snapshot {id}").ToList();
        return $"{named.Count} list snapshot(s): {string.Join(", ", named)}";
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown";

    private static string Num(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
