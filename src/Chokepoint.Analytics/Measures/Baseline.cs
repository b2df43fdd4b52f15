using System.Globalization;
using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>The years a flow is compared with: by default 2019–2021, the three years before the invasion of
/// 2022-02-24 (2020 included, as the studies do, so that the pandemic year neither flatters nor hides growth).</summary>
public readonly record struct Baseline(int First, int Last)
{
    public static Baseline Default { get; } = new(2019, 2021);

    /// <summary>The day the comparisons are drawn against: Russia's full-scale invasion of Ukraine.</summary>
    public static DateOnly Invasion { get; } = new(2022, 2, 24);

    public IEnumerable<int> Years => Enumerable.Range(First, Last - First + 1);

    /// <summary>"2019-2021" or "2021".</summary>
    public static Baseline Parse(string? text)
    {
        var t = (text ?? "").Trim();
        var parts = t.Split('-', '–');
        if (parts.Length is 1 or 2 && parts.All(p => p.Length == 4 && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var last = int.Parse(parts[^1], CultureInfo.InvariantCulture);
            if (first <= last && first >= 1900 && last <= 2100) return new Baseline(first, last);
        }
        throw new TradeQueryException($"'{text}' is not a baseline; give years as 2019-2021 or one year as 2021.");
    }

    public override string ToString() => First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}–{Last}";
}
