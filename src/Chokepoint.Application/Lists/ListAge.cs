using System.Globalization;
using Chokepoint.Core.Snapshots;

namespace Chokepoint.Application.Lists;

/// <summary>How old a list is: since its publication date, or since its import when the file states none.</summary>
public static class ListAge
{
    public static TimeSpan Of(SnapshotInfo s, DateTimeOffset now) =>
        now - (s.Published is { } p ? new DateTimeOffset(p.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : s.ImportedAt);

    /// <summary>"30", "30d" (days) or "36h" (hours); null for anything else.</summary>
    public static TimeSpan? Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var hours = t.EndsWith('h');
        var number = t.TrimEnd('d', 'h');
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 36500) return null;
        return hours ? TimeSpan.FromHours(n) : TimeSpan.FromDays(n);
    }
}
