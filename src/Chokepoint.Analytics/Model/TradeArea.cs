using System.Collections.Frozen;
using Chokepoint.Core.Values;

namespace Chokepoint.Analytics.Model;

public enum AreaKind
{
    /// <summary>A country or territory with an ISO 3166-1 code.</summary>
    Country,

    /// <summary>A group a publisher reports beside its members (EU-27, euro area, world): never summed with them.</summary>
    Group,

    /// <summary>A publisher's own residual or historical partner ("Asia not specified", Yugoslavia), kept under its code.</summary>
    Other,
}

/// <summary>A reporter or partner of trade statistics: "DE", "EU27_2020", "WORLD", or a publisher's own code such as
/// "IMF:TX899". Data/trade-areas.tsv names the countries and groups; a publisher code it does not name is
/// <see cref="AreaKind.Other"/>.</summary>
public readonly record struct TradeArea(string Code, AreaKind Kind, string Name)
{
    public override string ToString() => Code;
}

/// <summary>The table of trade areas, looked up by each publisher's way of naming them.</summary>
public static class TradeAreas
{
    private static readonly (FrozenDictionary<string, TradeArea> ByCode, FrozenDictionary<string, TradeArea> ByIso3,
        FrozenDictionary<string, TradeArea> ByM49, FrozenDictionary<string, TradeArea> ByImf, FrozenDictionary<string, TradeArea> ByName,
        (string Prefix, TradeArea Area)[] EurostatGroups) Table = Load();

    public static IEnumerable<TradeArea> All => Table.ByCode.Values;

    /// <summary>An area as a person names it: its code (DE, EU27_2020, WORLD, IMF:TX899), case-insensitively.</summary>
    public static TradeArea Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (Table.ByCode.TryGetValue(t.ToUpperInvariant(), out var area)) return area;
        if (t.StartsWith("IMF:", StringComparison.OrdinalIgnoreCase) && t.Length > 4) return new TradeArea("IMF:" + t[4..].ToUpperInvariant(), AreaKind.Other, t);
        throw new TradeQueryException($"'{text}' is not a trade area; give an ISO 3166-1 alpha-2 code (RU, KG), a group (WORLD, EU27_2020, EU_CHANGING, EA20, EA_CHANGING) or a publisher code such as IMF:TX899.");
    }

    public static TradeArea? FromIso3(string code) => Table.ByIso3.TryGetValue(code.ToUpperInvariant(), out var a) ? a : null;

    public static TradeArea? FromM49(string code) => Table.ByM49.TryGetValue(code.TrimStart('0') is { Length: > 0 } c ? c : "0", out var a) ? a : null;

    public static TradeArea? FromImf(string code) => Table.ByImf.TryGetValue(code.ToUpperInvariant(), out var a) ? a : null;

    /// <summary>An area by Eurostat Comext's label: a group by the start of its label, a country by its name before
    /// any parenthesised note ("Germany (incl. German Democratic Republic 'DD' from 1991)", "Ireland (Eire)").</summary>
    public static TradeArea? FromEurostatLabel(string label)
    {
        foreach (var (prefix, area) in Table.EurostatGroups)
            if (label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return area;
        var paren = label.IndexOf(" (", StringComparison.Ordinal);
        var name = (paren > 0 ? label[..paren] : label).Trim();
        return Table.ByName.TryGetValue(name, out var a) ? a : null;
    }

    private static (FrozenDictionary<string, TradeArea>, FrozenDictionary<string, TradeArea>, FrozenDictionary<string, TradeArea>,
        FrozenDictionary<string, TradeArea>, FrozenDictionary<string, TradeArea>, (string, TradeArea)[]) Load()
    {
        var byCode = new Dictionary<string, TradeArea>(StringComparer.Ordinal);
        var (iso3, m49, imf) = (new Dictionary<string, TradeArea>(StringComparer.Ordinal), new Dictionary<string, TradeArea>(StringComparer.Ordinal), new Dictionary<string, TradeArea>(StringComparer.Ordinal));
        var byName = new Dictionary<string, TradeArea>(StringComparer.OrdinalIgnoreCase);
        var groups = new List<(string, TradeArea)>();
        foreach (var row in DataFile.Rows(typeof(TradeAreas).Assembly, "analytics/trade-areas.tsv", "code", "kind", "name", "iso3", "m49", "imf", "eurostat", "source"))
        {
            var kind = row[1] switch
            {
                "country" => AreaKind.Country,
                "group" => AreaKind.Group,
                _ => throw new InvalidDataException($"trade-areas.tsv: '{row[1]}' is not an area kind (country, group)."),
            };
            var area = new TradeArea(row[0], kind, row[2]);
            if (!byCode.TryAdd(area.Code, area)) throw new InvalidDataException($"trade-areas.tsv: code {area.Code} appears twice.");
            if (kind == AreaKind.Country && !CountryCode.TryParse(area.Code, out _)) throw new InvalidDataException($"trade-areas.tsv: {area.Code} is not a country code the product knows.");
            Add(iso3, row[3], area);
            Add(m49, row[4].TrimStart('0') is { Length: > 0 } n ? n : row[4], area);
            Add(imf, row[5], area);
            if (kind == AreaKind.Country) byName.TryAdd(area.Name, area);
            if (row[6] != "-") groups.Add((row[6], area));
        }
        // Longer prefixes first: "European Union - 27 countries" before "European Union (".
        return (byCode.ToFrozenDictionary(StringComparer.Ordinal), iso3.ToFrozenDictionary(StringComparer.Ordinal), m49.ToFrozenDictionary(StringComparer.Ordinal),
            imf.ToFrozenDictionary(StringComparer.Ordinal), byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), [.. groups.OrderByDescending(g => g.Item1.Length)]);

        static void Add(Dictionary<string, TradeArea> map, string key, TradeArea area)
        {
            if (key == "-") return;
            if (!map.TryAdd(key, area)) throw new InvalidDataException($"trade-areas.tsv: {key} names both {map[key].Code} and {area.Code}.");
        }
    }
}
