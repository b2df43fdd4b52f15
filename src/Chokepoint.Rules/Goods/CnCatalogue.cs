using Chokepoint.Core.Values;
using System.Text.Json;
using Chokepoint.Core.Reading;

namespace Chokepoint.Rules.Goods;

/// <summary>An export entry of China's dual-use licence catalogue: control code and reference tariff codes. The product
/// name in the source index is often misaligned, so it is only ever shown as a hint.</summary>
public sealed record CatalogueEntry(string ControlCode, IReadOnlyList<string> ReferenceHs, string NameHint);

/// <summary>
/// The third-party JSON index of the 2026 Catalogue of Dual-use Items and Technologies Import and Export Licence
/// Management (MOFCOM/GACC). Unverified: keyed on the control code; a reference-HS match only ever means "review".
/// Entries whose control code is extraction debris ("MPa", "UF6", bare digits) are counted and left out.
/// </summary>
public sealed class CnCatalogue
{
    private readonly Dictionary<string, List<CatalogueEntry>> _byHs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogueEntry> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogueEntry>> _bySubheading = new(StringComparer.Ordinal);
    private readonly HashSet<string> _codesAndParents = new(StringComparer.Ordinal);

    public const string Label = "PRC 2026 dual-use licence catalogue (unverified third-party index)";

    public int Count => _byCode.Count;
    public int Skipped { get; private set; }

    public static CnCatalogue Load(string path)
    {
        var c = new CnCatalogue();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.GetProperty("目录类型").GetString() != "出口") continue;
                if (!ControlCode.TryParse(e.GetProperty("管制编码").GetString(), out var parsed) || parsed.Shape != ControlCodeShape.Wassenaar) { c.Skipped++; continue; }
                var code = parsed.Value;
                var hs = e.GetProperty("参考HS编码").EnumerateArray().Select(h => h.GetString() ?? "").Where(h => h.Length > 0).ToList();
                var entry = new CatalogueEntry(code, hs, e.GetProperty("推荐产品名称").GetString() ?? "");
                c._byCode.TryAdd(code, entry);
                for (var dot = code.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = code.IndexOf('.', dot + 1))
                    c._codesAndParents.Add(code[..dot]);
                c._codesAndParents.Add(code);
                foreach (var h in hs)
                {
                    if (!c._byHs.TryGetValue(h, out var list)) c._byHs[h] = list = [];
                    list.Add(entry);
                    if (h.Length < 6) continue;
                    if (!c._bySubheading.TryGetValue(h[..6], out var sub)) c._bySubheading[h[..6]] = sub = [];
                    if (!sub.Contains(entry)) sub.Add(entry);
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ListFormatException(path, null, "not the catalogue index JSON: " + e.Message, e);
        }
        return c.Count > 0 ? c : throw new ListFormatException(path, null, "no export entries with a control code");
    }

    public CatalogueEntry? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Whether a control code or an entry under it is in the catalogue ("9A012" finds "9A012.b.1").</summary>
    public bool Covers(string code)
    {
        if (_codesAndParents.Contains(code)) return true;
        for (var dot = code.LastIndexOf('.'); dot > 0; dot = code.LastIndexOf('.', dot - 1))
            if (_byCode.ContainsKey(code[..dot])) return true;
        return false;
    }

    /// <summary>Entries that give this tariff code (10 digits) or, for a shorter code, any code under it as a reference.</summary>
    public IReadOnlyList<CatalogueEntry> ByReferenceHs(string digits)
    {
        if (digits.Length >= 10) return _byHs.GetValueOrDefault(digits[..10]) ?? [];
        if (digits.Length == 6) return _bySubheading.GetValueOrDefault(digits) ?? [];
        return _byHs.Where(kv => kv.Key.StartsWith(digits, StringComparison.Ordinal)).SelectMany(kv => kv.Value).Distinct().ToList();
    }
}
