using System.Globalization;
using System.Text.RegularExpressions;

namespace Chokepoint.Core.Listings;

/// <summary>
/// A date of birth as publishers give it: exact, a month, a year, a range of years, or "circa".
/// Stored as the closed span [<see cref="From"/>, <see cref="To"/>] it covers, plus the publisher's own text, so
/// "1962" becomes 1962-01-01..1962-12-31 and "circa 1955" keeps <see cref="Circa"/> set. Text that no rule reads
/// keeps From/To null rather than guessing.
/// </summary>
public sealed partial record BirthDate(DateOnly? From, DateOnly? To, bool Circa, string Text)
{
    /// <summary>True when the publisher gave a single day.</summary>
    public bool IsExact => From is { } f && To is { } t && f == t;

    public static BirthDate Exact(DateOnly day, string? text = null) => new(day, day, false, text ?? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static BirthDate Year(int year, bool circa = false, string? text = null) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), circa, text ?? year.ToString(CultureInfo.InvariantCulture));

    public static BirthDate Month(int year, int month, string? text = null) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)), false, text ?? $"{year:D4}-{month:D2}");

    /// <summary>
    /// Reads the spellings found in the real lists: "1962-03-25", "1962-03", "1962", "25/03/1962" (00 for unknown
    /// parts, as OFSI writes), "25 Mar 1962", "Mar 1962", "circa 1960", "1955 to 1957", "between 1953 and 1958".
    /// Returns null for blank text; unreadable text is kept with null From/To.
    /// </summary>
    public static BirthDate? Parse(string? text)
    {
        var raw = text.NullIfBlank();
        if (raw is null) return null;
        var circa = CircaPattern().IsMatch(raw);
        var body = CircaPattern().Replace(raw, "").Trim().TrimEnd('.', ';').Trim();
        var range = RangePattern().Match(body);
        if (range.Success)
        {
            var first = ParseSingle(range.Groups["a"].Value.Trim());
            var last = ParseSingle(range.Groups["b"].Value.Trim());
            if (first is not null && last is not null && last.To >= first.From)
                return new BirthDate(first.From, last.To, circa, raw);
            return new BirthDate(null, null, circa, raw);
        }
        var single = ParseSingle(body);
        return single is null ? new BirthDate(null, null, circa, raw) : single with { Circa = circa, Text = raw };
    }

    private static BirthDate? ParseSingle(string s)
    {
        if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "dd MMM yyyy", "d MMM yyyy", "dd MMMM yyyy", "d MMMM yyyy"],
                CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var day))
            return Exact(day, s);
        var slash = SlashPattern().Match(s);
        if (slash.Success)
        {
            int d = int.Parse(slash.Groups["d"].Value, CultureInfo.InvariantCulture), m = int.Parse(slash.Groups["m"].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(slash.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (y < 1 || m > 12) return null;
            if (m == 0) return Year(y, text: s);
            if (d == 0) return Month(y, m, s);
            return d <= DateTime.DaysInMonth(y, m) ? Exact(new DateOnly(y, m, d), s) : null;
        }
        if (DateTime.TryParseExact(s, ["yyyy-MM", "MMM yyyy", "MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return Month(month.Year, month.Month, s);
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year > 0)
            return Year(year, text: s);
        return null;
    }

    [GeneratedRegex(@"\b(circa|approximately|approx\.?|about|c\.)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CircaPattern();

    [GeneratedRegex(@"^(?:between\s+)?(?<a>.+?)\s+(?:to|and|-|–)\s+(?<b>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashPattern();
}
