using System.Globalization;
using Chokepoint.Core.Snapshots;

namespace Chokepoint.Sources.Snapshots;

/// <summary>
/// Compares a snapshot about to be committed with the one serving now, for import and update alike. A file cut at a
/// row boundary parses cleanly; what gives it away is what it lacks: entries, names and aliases, a kind of entry or a
/// source list that was there, a companion file (OFAC's alt.csv). Each of these may drop by at most the allowed share
/// (per year between the two publications, for lists left unrefreshed for long, but never half); a missing companion is
/// refused whatever the gap. Kinds and source lists are compared only between files of one format: readers of another
/// format of the same list name them differently. A deliberate shrink is taken only with --accept-drop, and recorded.
/// </summary>
public static class DropGuard
{
    /// <summary>Kinds and source lists this small are not judged on their own: a handful of delistings is normal.</summary>
    public const int SmallestJudged = 20;

    /// <summary>Every figure of <paramref name="next"/> that fell below (1 - <paramref name="maxDrop"/>) of the
    /// active snapshot's, in words with both numbers; empty when nothing did.</summary>
    public static IReadOnlyList<string> Drops(SnapshotInfo active, SnapshotTotals next, string format, double maxDropPerYear)
    {
        var drops = new List<string>();
        var maxDrop = Allowed(active.Published, next.Published, maxDropPerYear);
        void Judge(string what, int before, int after, int smallest)
        {
            if (before >= smallest && after < before * (1 - maxDrop))
                drops.Add($"{what} {N(after)} against {N(before)} ({(double)(before - after) / before:P0} fewer)");
        }
        Judge("entries", active.EntityCount, next.EntityCount, 1);
        Judge("names and aliases", active.NameCount, next.NameCount, 1);
        if (string.Equals(active.Format, format, StringComparison.Ordinal))
        {
            foreach (var (kind, count) in active.CountsByKind) Judge($"{kind} entries", count, next.CountsByKind.GetValueOrDefault(kind), SmallestJudged);
            foreach (var (list, count) in active.CountsByList) Judge($"entries of '{list}'", count, next.CountsByList.GetValueOrDefault(list), SmallestJudged);
        }
        foreach (var (part, rows) in active.Parts)
        {
            if (rows == 0) continue;
            if (!next.Parts.TryGetValue(part, out var now)) drops.Add($"no {part} file, while the active snapshot has {N(rows)} {part} rows");
            else Judge($"{part} rows", rows, now, 1);
        }
        return drops;
    }

    /// <summary>The share each figure may lose: <paramref name="perYear"/> for publications up to a year apart, that
    /// much per year beyond, at most half.</summary>
    public static double Allowed(DateOnly? before, DateOnly? after, double perYear)
    {
        if (before is not { } b || after is not { } a) return perYear;
        var years = (a.DayNumber - b.DayNumber) / 365.25;
        return Math.Min(Math.Max(perYear, perYear * years), Math.Max(perYear, 0.5));
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
