using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Reading;
using Chokepoint.Storage;

namespace Chokepoint.Sources.Snapshots;

/// <summary>
/// Turns one publisher file into one snapshot, in one transaction: detect the format, hash the bytes, stream the
/// entities into the store, check them (unique ids, the count the file states, at least one entry, a publication date
/// not in the future, no drop against the active snapshot: <see cref="DropGuard"/>) and only then commit. Any failure
/// rolls back and the previous snapshot keeps serving.
/// </summary>
public sealed partial class SnapshotImporter(ISnapshotStore store, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists(path) && !Directory.Exists(path)) throw new ListFormatException(path, null, "no such file or folder");
        var reader = options.Format is { } format ? ListReaders.ByFormat(format)
            : Directory.Exists(path) ? ListReaders.ByFormat("ofac-csv")
            : ListReaders.Detect(path);
        var input = reader.Resolve(path);
        var bytes = 0L;
        foreach (var file in input.Files)
        {
            var length = new FileInfo(file).Length;
            if (length > options.MaxFileBytes)
                throw new ListFormatException(file, null, $"{length:N0} bytes, above the {options.MaxFileBytes:N0}-byte limit for one list file");
            bytes += length;
        }
        var sha = await Sha256Async(input, ct).ConfigureAwait(false);
        var dataset = ListCatalog.Require(options.Dataset ?? reader.DatasetFor(input));
        if (await store.FindAsync(dataset, sha, ct).ConfigureAwait(false) is { } existing)
            return new ImportResult(existing, true, reader.Format, [], watch.Elapsed, bytes);

        // Read before the import transaction opens: the guard compares against what serves now.
        var active = await store.GetActiveAsync(dataset, ct).ConfigureAwait(false);
        var report = new ReadReport();
        var draft = new SnapshotDraft(dataset, reader.Format, options.Source ?? Path.GetFullPath(input.MainFile), sha);
        await using var writer = await store.BeginImportAsync(draft, ct).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byList = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var names = 0;
        foreach (var entity in reader.Read(input, report, ct))
        {
            if (!ids.Add(entity.SourceId))
                throw new ListFormatException(input.MainFile, null, $"the id '{entity.SourceId}' occurs twice; ids must be unique within a list");
            await writer.AddAsync(entity, ct).ConfigureAwait(false);
            Increment(byKind, entity.Kind.ToString());
            Increment(byList, entity.SourceList);
            names += entity.Names.Count;
            if (ids.Count % 2000 == 0) progress?.Report(new ImportProgress(input.MainFile, ids.Count));
        }
        progress?.Report(new ImportProgress(input.MainFile, ids.Count));

        if (report.StatedCount is { } stated && stated != ids.Count)
            throw new ListFormatException(input.MainFile, null, $"the file says it holds {stated:N0} records but {ids.Count:N0} were read; it is truncated or damaged");
        if (ids.Count == 0)
            throw new ImportRefusedException($"{input.MainFile}: no entries were read; an empty list would clear everyone, so it is refused");

        // The date the file states wins; then the one given; then a date in the path.
        var published = report.Published ?? options.Published ?? DateInPath(input.MainFile);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // A file dated ahead would stay active for good: every real publication after it is older than it.
        if (published is { } p && p > today.AddDays(1))
            throw new ImportRefusedException($"{input.MainFile}: published {p:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); a publication from the future is refused{Serving(active)}");
        var totals = new SnapshotTotals(published, ids.Count, names, byKind, byList, report.Parts);
        var notes = report.Notes.ToList();
        string? acceptedDrop = null;
        // Only a snapshot that will serve is judged: an older publication imported for the record stays inactive.
        var willServe = active is not null && !(published < active.Published);
        if (willServe && DropGuard.Drops(active!, totals, reader.Format, options.MaxDropShare) is { Count: > 0 } drops)
        {
            var figures = $"against active snapshot {active!.Id} ({active.Published:yyyy-MM-dd}), which it would replace: {string.Join("; ", drops)}";
            if (!options.AcceptDrop)
                throw new ImportRefusedException($"{input.MainFile}: refused {figures} (at most {DropGuard.Allowed(active.Published, published, options.MaxDropShare):P0} fewer is taken){Serving(active)}. " +
                    "If the list really shrank, import it with --accept-drop.");
            acceptedDrop = $"drop accepted with --accept-drop {figures}";
            notes.Add(acceptedDrop);
        }
        var snapshot = await writer.CommitAsync(totals, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return new ImportResult(snapshot, false, reader.Format, notes, watch.Elapsed, bytes) { AcceptedDrop = acceptedDrop, Previous = active };
    }

    private static string Serving(SnapshotInfo? active) => active is null ? "" : $"; snapshot {active.Id} keeps serving";

    /// <summary>The SHA-256 of the bytes of every file of the input, main file first: the snapshot's identity.</summary>
    internal static async Task<string> Sha256Async(ListInput input, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in input.Files)
        {
            await using var stream = File.OpenRead(file);
            int read;
            while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Publishers' archives and our data folder name snapshots by date (".../2021-07-07/sdn.csv").</summary>
    internal static DateOnly? DateInPath(string path)
    {
        var m = PathDate().Matches(Path.GetFullPath(path)).LastOrDefault();
        return m is not null && DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PathDate();
}
