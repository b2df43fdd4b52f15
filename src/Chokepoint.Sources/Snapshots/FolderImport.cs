using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Snapshots;

/// <summary>One file found in a folder import, and what became of it.</summary>
public sealed record FolderItem(string Path, ImportResult? Result, string? Problem, bool Failed);

/// <summary>
/// Imports every list file under a folder (a mirror of the publishers' downloads, or ../shared/data): files are
/// recognised by content; oldest publication first, so the newest of each dataset ends up active. Files that are not
/// lists (schemas, notes, other data), and files under terms that need asking (OpenSanctions' CC BY-NC), are reported
/// as skipped; a list file that fails or is refused is reported and the others go on.
/// </summary>
public sealed class FolderImport(SnapshotImporter importer)
{
    private static readonly string[] NotLists = [".md", ".xsd", ".txt", ".pdf", ".yml", ".yaml"];

    public async Task<IReadOnlyList<FolderItem>> ImportAsync(string folder, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) throw new ListFormatException(folder, null, "no such folder");
        var items = new List<FolderItem>();
        var candidates = new List<(string Path, IListReader Reader)>();
        var companions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (NotLists.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) || Path.GetFileName(file).StartsWith('.')) continue;
            try
            {
                var reader = ListReaders.Detect(file);
                if (reader.Restriction is { } terms)
                {
                    items.Add(new FolderItem(file, null, terms, false));
                    continue;
                }
                candidates.Add((file, reader));
                foreach (var c in reader.Resolve(file).Companions.Values) companions.Add(Path.GetFullPath(c));
            }
            catch (ListFormatException e)
            {
                items.Add(new FolderItem(file, null, e.Problem.StartsWith("not a list format", StringComparison.Ordinal) ? "not a list format Chokepoint knows" : e.Problem, false));
            }
        }
        // A companion (add.csv beside sdn.csv) is read with its main file; alone, it cannot be imported.
        items.RemoveAll(i => companions.Contains(Path.GetFullPath(i.Path)));
        foreach (var item in items.ToList().Where(i => OfacCompanion(i.Path)))
            items[items.IndexOf(item)] = item with { Problem = "an OFAC companion file (addresses, aliases or comments) whose sdn.csv or cons_prim.csv is not beside it" };

        foreach (var (file, reader) in candidates.OrderBy(c => SnapshotImporter.DateInPath(c.Path) ?? DateOnly.MaxValue).ThenBy(c => c.Path, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var result = await importer.ImportAsync(file, options with { Format = reader.Format }, progress, ct).ConfigureAwait(false);
                items.Add(new FolderItem(file, result, null, false));
            }
            catch (Exception e) when (e is ListFormatException or ImportRefusedException)
            {
                items.Add(new FolderItem(file, null, e.Message, true));
            }
        }
        return items;
    }

    private static bool OfacCompanion(string path) =>
        Path.GetFileName(path).ToLowerInvariant() is "add.csv" or "alt.csv" or "sdn_comments.csv" or "cons_add.csv" or "cons_alt.csv" or "cons_comments.csv";
}
