using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>A year of what A reports sending to B beside what B reports receiving from A, both in A's currency. The
/// gap (B's figure less A's) is positive by the freight and insurance in a CIF import, and grows where goods are
/// routed through third countries, misdeclared, or one side stops publishing.</summary>
public sealed record MirrorRow(int Year, double Reported, double Mirrored, double Gap, double? Ratio);

public sealed record MirrorReport(SeriesKey Reported, SeriesKey Mirrored, string Currency, string Source, IReadOnlyList<MirrorRow> Rows, string? Note);

/// <summary>Mirror comparison of two reporters' figures for the same trade.</summary>
public static class Mirror
{
    /// <param name="reported">A's flow with B (exports, say).</param>
    /// <param name="mirrored">B's opposite flow with A (imports from A); the partner may be B's name for A, such as the IMF's EU.</param>
    public static MirrorReport Of(TradeSeries reported, TradeSeries mirrored)
    {
        if (reported.Key.Flow == mirrored.Key.Flow) throw new TradeQueryException("A mirror sets one side's exports against the other's imports; both series are " + reported.Key.Flow.Word() + ".");
        var theirs = mirrored.Annual().Where(p => p.WholeYear).ToDictionary(p => p.Period.Year);
        var rows = reported.Annual().Where(p => p.WholeYear && theirs.ContainsKey(p.Period.Year)).Select(p =>
        {
            var other = Rates.Convert(theirs[p.Period.Year].Value, mirrored.Currency, reported.Currency, p.Period.Year);
            return new MirrorRow(p.Period.Year, p.Value, other, other - p.Value, p.Value > 0 ? other / p.Value : null);
        }).ToList();
        if (rows.Count == 0) throw new TradeQueryException($"{reported.Key} and {mirrored.Key} have no whole year in common.");
        var note = reported.Currency == mirrored.Currency ? null : $"{mirrored.Key} converted from {mirrored.Currency} to {reported.Currency} at the ECB's annual average rate.";
        return new MirrorReport(reported.Key, mirrored.Key, reported.Currency, $"{reported.Source} / {mirrored.Source}", rows, note);
    }
}
