using System.Collections.Frozen;
using System.Globalization;
using Chokepoint.Core.Values;
using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>Annual euro–dollar rates (Data/eur-usd.tsv, ECB) to put a figure in euros beside one in dollars.</summary>
public static class Rates
{
    private static readonly FrozenDictionary<int, double> UsdPerEur = DataFile.Rows(typeof(Rates).Assembly, "analytics/eur-usd.tsv", "year", "usd_per_eur", "source")
        .ToFrozenDictionary(r => int.Parse(r[0], CultureInfo.InvariantCulture), r => double.Parse(r[1], CultureInfo.InvariantCulture));

    /// <summary>A year's figure in another currency; only EUR and USD are known, and only for the years in the table.</summary>
    public static double Convert(double value, string from, string to, int year)
    {
        if (from == to) return value;
        if (!UsdPerEur.TryGetValue(year, out var rate))
            throw new TradeQueryException($"No euro–dollar rate for {year} is in the rate table ({UsdPerEur.Keys.Min()}–{UsdPerEur.Keys.Max()}).");
        return (from, to) switch
        {
            ("EUR", "USD") => value * rate,
            ("USD", "EUR") => value / rate,
            _ => throw new TradeQueryException($"No rate from {from} to {to}; the rate table has euros and dollars only."),
        };
    }
}
