using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>One partner's part of a reporter's trade in a year.</summary>
public sealed record ShareRow(int Year, TradeArea Partner, double Value, double Total, double Share);

/// <summary>The partners' shares per year; <see cref="Rest"/> is what the partners shown leave of the total.</summary>
public sealed record SharesReport(TradeArea Reporter, TradeFlow Flow, ProductCode Product, string Currency, string Source,
    IReadOnlyList<TradeArea> Partners, IReadOnlyList<int> Years, IReadOnlyList<ShareRow> Rows, IReadOnlyDictionary<int, double> Rest);

/// <summary>Partner shares of a reporter's imports or exports over time ("China's share of Russia's imports").</summary>
public static class Shares
{
    /// <summary>The shares of the partners named, or of the <paramref name="top"/> largest countries in the latest
    /// year; the total is the reporter's own figure for the world, never a sum of partners (which would add groups to
    /// their members and miss the partners a file leaves out).</summary>
    public static SharesReport Of(IReadOnlyList<TradeSeries> all, IReadOnlyList<TradeArea>? partners = null, int top = 5)
    {
        var world = all.FirstOrDefault(s => s.Key.Partner.Code == "WORLD")
            ?? throw new TradeQueryException($"No figure for {all[0].Key.Reporter}'s {all[0].Key.Flow.Word()} with the world is stored, so a share has no total. The partners stored are parts, not the whole.");
        var totals = world.Annual().Where(p => p.WholeYear).ToDictionary(p => p.Period.Year, p => p.Value);
        var byPartner = all.Where(s => s.Key.Partner.Kind == AreaKind.Country).ToDictionary(s => s.Key.Partner.Code);
        List<TradeArea> chosen;
        if (partners is { Count: > 0 })
        {
            var missing = partners.Where(p => !byPartner.ContainsKey(p.Code)).ToList();
            if (missing.Count > 0) throw new TradeQueryException($"No {world.Key.Flow.Word()} of {world.Key.Reporter} with {string.Join(", ", missing)} are stored.", notFound: true);
            chosen = [.. partners];
        }
        else
        {
            var latest = totals.Keys.DefaultIfEmpty().Max();
            chosen = [.. byPartner.Values.OrderByDescending(s => s.Annual().FirstOrDefault(p => p.Period.Year == latest)?.Value ?? 0).Take(Math.Clamp(top, 1, 50)).Select(s => s.Key.Partner)];
        }
        var rows = new List<ShareRow>();
        foreach (var partner in chosen)
            foreach (var p in byPartner[partner.Code].Annual())
                if (p.WholeYear && totals.TryGetValue(p.Period.Year, out var total) && total > 0)
                    rows.Add(new ShareRow(p.Period.Year, partner, p.Value, total, p.Value / total));
        var years = totals.Keys.Order().ToList();
        var rest = years.ToDictionary(y => y, y => 1 - rows.Where(r => r.Year == y).Sum(r => r.Share));
        return new SharesReport(world.Key.Reporter, world.Key.Flow, world.Key.Product, world.Currency, world.Source, chosen, years, rows, rest);
    }
}
