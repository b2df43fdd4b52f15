using Chokepoint.Core.Values;
using System.Text.Json;
using Chokepoint.Core.Reading;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Rules.Goods;

/// <summary>One nomenclature line: HS chapter, heading or subheading, or an EU CN 8-digit code.</summary>
public sealed record HsEntry(string Code, string Description, string? Parent, string Edition);

/// <summary>
/// The Harmonized System (2022 and 2017, from the datasets/harmonized-system CSV) and the EU Combined Nomenclature 2025
/// (xterr/php-cncodes JSON). Lookup is by digits; a longer code falls back to its parents.
/// </summary>
public sealed class HsNomenclature
{
    private readonly Dictionary<string, HsEntry> _hs2022, _hs2017, _cn;

    private HsNomenclature(Dictionary<string, HsEntry> hs2022, Dictionary<string, HsEntry> hs2017, Dictionary<string, HsEntry> cn) =>
        (_hs2022, _hs2017, _cn) = (hs2022, hs2017, cn);

    public int Count => _hs2022.Count + _cn.Count;

    public static HsNomenclature Load(string dataFolder)
    {
        var root = Path.Combine(dataFolder, "hs_nomenclature");
        return new HsNomenclature(
            ReadHsCsv(Path.Combine(root, "hs2022", "harmonized-system.csv"), "HS 2022"),
            ReadHsCsv(Path.Combine(root, "hs2017", "harmonized-system.csv"), "HS 2017"),
            ReadCn(Path.Combine(root, "cn2025", "cnCodes_2025.json")));
    }

    /// <summary>The entry chain from chapter down to the most precise code known for these digits.</summary>
    public IReadOnlyList<HsEntry> Lookup(string digits)
    {
        var chain = new List<HsEntry>();
        if (digits.Length >= 8 && _cn.TryGetValue(digits[..8], out var cn)) chain.Add(cn);
        for (var n = Math.Min(6, digits.Length - digits.Length % 2); n >= 2; n -= 2)
            if (_hs2022.TryGetValue(digits[..n], out var e)) chain.Add(e);
        chain.Reverse();
        return chain;
    }

    /// <summary>Whether a six-digit code exists in HS 2017 but not in HS 2022 (renumbered in the 2022 edition).</summary>
    public bool OnlyInHs2017(string digits) => digits.Length >= 6 && !_hs2022.ContainsKey(digits[..6]) && _hs2017.ContainsKey(digits[..6]);

    public IEnumerable<HsEntry> Subheadings => _hs2022.Values.Where(e => e.Code.Length == 6);

    private static Dictionary<string, HsEntry> ReadHsCsv(string path, string edition)
    {
        var map = new Dictionary<string, HsEntry>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(path, TextSources.StrictUtf8, ["hscode", "description", "parent"]))
        {
            // The grand-total row and the blank row the 2017 file ends with are not codes.
            if (r["hscode"] is "TOTAL" || (r["hscode"] is null && r["description"] is null)) continue;
            var code = HsCode.TryParse(r["hscode"], out var hs) ? hs.Digits : throw new ListFormatException(path, ListFormatException.Line(r.Line), $"'{r["hscode"]}' is not an HS code");
            map[code] = new HsEntry(code, r["description"] ?? "", r["parent"] is "TOTAL" or null ? null : r["parent"], edition);
        }
        return map.Count > 0 ? map : throw new ListFormatException(path, null, "no codes");
    }

    private static Dictionary<string, HsEntry> ReadCn(string path)
    {
        var map = new Dictionary<string, HsEntry>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var code = e.GetProperty("code").GetString() ?? throw new ListFormatException(path, null, "a code is null");
                map[code] = new HsEntry(code, e.GetProperty("name").GetString() ?? "", e.GetProperty("subheading").GetString(), "CN 2025");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ListFormatException(path, null, "not the CN codes JSON: " + e.Message, e);
        }
        return map.Count > 0 ? map : throw new ListFormatException(path, null, "no codes");
    }
}
