using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chokepoint.Core.Reading;

namespace Chokepoint.Rules.Goods;

/// <summary>One provision of a control entry, word for word: "2B001.b.2 Five or more axes which ...".</summary>
public sealed record Provision(string Path, string Text);

/// <summary>
/// One Annex I entry ("2B001"), with its provisions in order, the provisions that carry numeric thresholds and a hash of
/// its text, so that a classification citing it can tell when a new list version changed it.
/// </summary>
public sealed record ControlEntry(string Code, string Category, IReadOnlyList<Provision> Provisions, IReadOnlyList<string> ThresholdPaths, string TextSha256)
{
    public string Heading => Provisions.Count > 0 ? Provisions[0].Text : "";
}

/// <summary>
/// EU dual-use Annex I (Reg 2021/821, consolidated), read from the structured annex.json: entries with verbatim
/// provision lines keyed by dotted path. <see cref="Version"/> is the consolidated version ("02021R0821-20251115").
/// </summary>
public sealed class AnnexI
{
    private readonly Dictionary<string, ControlEntry> _byCode;

    private AnnexI(string version, DateOnly validFrom, List<ControlEntry> entries, IReadOnlyList<string> eu001Destinations)
    {
        (Version, ValidFrom, Entries, Eu001Text) = (version, validFrom, entries, eu001Destinations);
        _byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public string Version { get; }
    public DateOnly ValidFrom { get; }
    public IReadOnlyList<ControlEntry> Entries { get; }
    public IReadOnlyList<string> Eu001Text { get; }

    public static AnnexI Load(string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ListFormatException(path, null, "not valid JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()! : throw new ListFormatException(path, null, $"the field '{name}' is missing: not the structured Annex I file");
            var entries = new List<ControlEntry>();
            foreach (var e in root.GetProperty("entries").EnumerateArray())
            {
                var code = Str(e, "entry_code");
                var text = Str(e, "verbatim_text");
                var provisions = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
                {
                    var space = line.IndexOf(' ', StringComparison.Ordinal);
                    return space > 0 ? new Provision(line[..space], line[(space + 1)..]) : new Provision(code, line);
                }).ToList();
                var thresholds = e.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => p.GetString() ?? "").Select(p => p.Split(' ', 2)[0]).ToList() : [];
                entries.Add(new ControlEntry(code, Str(e, "category"), provisions, thresholds, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))));
            }
            if (entries.Count == 0) throw new ListFormatException(path, null, "no control entries");
            var eu001 = root.GetProperty("geas").EnumerateArray().Where(g => Str(g, "id") == "EU001").Select(g => Str(g, "verbatim_text")).ToList();
            var validFrom = DateOnly.ParseExact(Str(root, "valid_from"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return new AnnexI(Str(root, "corpus_version"), validFrom, entries, eu001);
        }
    }

    /// <summary>The entry for a code or any dotted path under it ("2B001.b.2" → 2B001).</summary>
    public ControlEntry? Find(string code)
    {
        var head = code.Split('.', 2)[0];
        return _byCode.GetValueOrDefault(head);
    }

    /// <summary>Whether a dotted path names a provision that exists ("2B001.b.2" yes, "2B001.z" no).</summary>
    public bool Exists(string code) =>
        Find(code) is { } e && (code.Length == e.Code.Length || e.Provisions.Any(p => p.Path.TrimEnd('.') == code.TrimEnd('.')));
}
