using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Measures;

/// <summary>One destination × product of an exporter: its figure in a year since 2022 against its baseline, and how far
/// that growth stands out from the exporter's other destinations for the same product (<see cref="OutOfLine"/> = its
/// index over their median index).</summary>
public sealed record Corridor(TradeArea Destination, ProductCode Product, int Year, double Value, double Baseline, double Index, double? PeersIndex, double? OutOfLine, int Peers);

public sealed record CorridorsReport(TradeArea Reporter, TradeFlow Flow, int Level, Baseline Baseline, int Year, string Currency, IReadOnlyList<Corridor> Ranked, IReadOnlyList<string> Notes);

/// <summary>Corridors whose growth since 2022 is most out of line with their baseline and with the exporter's other destinations.</summary>
public static class Corridors
{
    /// <param name="year">The year compared: by default the latest whole year the figures cover.</param>
    /// <param name="minimumBaseline">Corridors smaller than this in the baseline are left out: from almost nothing, any growth is large.</param>
    public static CorridorsReport Rank(TradeArea reporter, TradeFlow flow, int level,
        IReadOnlyList<(TradeArea Partner, ProductCode Product, string Currency, IReadOnlyList<TradePoint> Years)> figures,
        Baseline baseline, int? year = null, double minimumBaseline = 1_000_000)
    {
        var notes = new List<string>();
        var currencies = figures.Select(f => f.Currency).Distinct().ToList();
        if (currencies.Count > 1) throw new TradeQueryException($"{reporter}'s {flow.Word()} are stored in {string.Join(" and ", currencies)}; corridors compare one currency.");
        var whole = figures.SelectMany(f => f.Years).Where(p => p.WholeYear).Select(p => p.Period.Year).ToHashSet();
        var target = year ?? (whole.Where(y => y >= 2022).DefaultIfEmpty().Max() is var latest and > 0 ? latest
            : throw new TradeQueryException($"{reporter}'s {flow.Word()} have no whole year since 2022."));
        if (target < 2022) throw new TradeQueryException($"Corridors compare a year since 2022 with the baseline; {target} is before.");
        if (!whole.Contains(target)) throw new TradeQueryException($"{target} is not a whole year in {reporter}'s {flow.Word()}; the whole years since 2022 are {string.Join(", ", whole.Where(y => y >= 2022).Order())}.");
        var partial = figures.SelectMany(f => f.Years).Where(p => !p.WholeYear).Select(p => p.Period.Year).Distinct().Order().ToList();
        if (partial.Count > 0) notes.Add($"Not whole, so not compared: {string.Join(", ", partial)}.");

        var measured = new List<(TradeArea Partner, ProductCode Product, double Value, double Baseline, double Index)>();
        var small = 0;
        foreach (var (partner, product, _, years) in figures)
        {
            if (partner.Kind != AreaKind.Country) continue;
            var byYear = years.Where(p => p.WholeYear).ToDictionary(p => p.Period.Year, p => p.Value);
            if (!baseline.Years.All(byYear.ContainsKey) || !byYear.TryGetValue(target, out var value)) continue;
            var b = baseline.Years.Average(y => byYear[y]);
            if (b < minimumBaseline) { small++; continue; }
            measured.Add((partner, product, value, b, value / b));
        }
        if (small > 0) notes.Add($"{small} corridor(s) below {minimumBaseline:N0} {currencies.FirstOrDefault()} a year in {baseline} left out.");
        var ranked = new List<Corridor>();
        foreach (var c in measured)
        {
            var peers = measured.Where(o => o.Product == c.Product && o.Partner != c.Partner).Select(o => o.Index).Order().ToList();
            double? median = peers.Count == 0 ? null : peers.Count % 2 == 1 ? peers[peers.Count / 2] : (peers[peers.Count / 2 - 1] + peers[peers.Count / 2]) / 2;
            ranked.Add(new Corridor(c.Partner, c.Product, target, c.Value, c.Baseline, c.Index, median, c.Index / median, peers.Count));
        }
        if (ranked.Any(r => r.Peers == 0)) notes.Add("A product with one destination only has no peers to compare with; its corridor is ranked by its own index.");
        return new CorridorsReport(reporter, flow, level, baseline, target, currencies.FirstOrDefault() ?? "",
            [.. ranked.OrderByDescending(r => r.OutOfLine ?? r.Index)], notes);
    }
}
