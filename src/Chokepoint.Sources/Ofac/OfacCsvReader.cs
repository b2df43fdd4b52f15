using System.Globalization;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Ofac;

/// <summary>
/// OFAC's legacy CSV set: sdn.csv (or cons_prim.csv for the non-SDN lists) joined on ent_num with add.csv
/// (addresses), alt.csv (aliases) and sdn_comments.csv (remarks that overflow the 1,000-character column).
/// No header; "-0- " is the null marker; the main file ends with a Ctrl-Z byte, and one without it is refused as cut
/// short. A companion that is there must be sound (not empty, not an HTML page); a missing one is noted here and
/// refused by the import guard when the active snapshot had it.
/// </summary>
public sealed class OfacCsvReader : IListReader
{
    private const string Null = "-0-";
    private const int MainColumns = 12;

    public string Format => "ofac-csv";
    public string Description => "OFAC legacy CSV: sdn.csv or cons_prim.csv with add, alt and comments beside it";

    public bool Recognises(ListProbe probe)
    {
        if (probe.IsZip || !char.IsAsciiDigit(probe.FirstLine.FirstOrDefault())) return false;
        var first = FirstRow(probe.FirstLine);
        return first is { Length: MainColumns } && int.TryParse(first[0], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    public ListInput Resolve(string path)
    {
        var main = Directory.Exists(path) ? FindMain(path) : path;
        var dir = Path.GetDirectoryName(Path.GetFullPath(main))!;
        var prefix = Path.GetFileName(main).StartsWith("cons", StringComparison.OrdinalIgnoreCase) ? "cons_" : "";
        var companions = new Dictionary<string, string>();
        foreach (var (role, name) in new[] { ("add", $"{prefix}add.csv"), ("alt", $"{prefix}alt.csv"), ("comments", prefix == "" ? "sdn_comments.csv" : "cons_comments.csv") })
        {
            var found = Directory.EnumerateFiles(dir).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
            if (found is not null) companions[role] = found;
        }
        return new ListInput(main, companions);
    }

    public IReadOnlyList<string> Datasets => OfacKinds.Datasets;

    public string DatasetFor(ListInput input) => OfacKinds.Dataset(Path.GetFileName(input.MainFile));

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        foreach (var role in new[] { "add", "alt", "comments" }.Where(r => !input.Companions.ContainsKey(r)))
            report.Note(input.MainFile, $"no {role} file beside it; entries carry no {role} data from this set");
        var comments = Group(input.Companions.GetValueOrDefault("comments"), 2, "comments", report);
        var aliases = Group(input.Companions.GetValueOrDefault("alt"), 5, "alt", report);
        var addresses = Group(input.Companions.GetValueOrDefault("add"), 6, "add", report);
        var list = OfacKinds.ListName(DatasetFor(input));

        foreach (var row in TextSources.CsvRows(input.MainFile, TextSources.StrictUtf8))
        {
            ct.ThrowIfCancellationRequested();
            var f = row.Fields;
            if (f.Length != MainColumns)
                throw new ListFormatException(input.MainFile, ListFormatException.Line(row.Line), $"expected {MainColumns} columns, found {f.Length}");
            var id = EntNum(input.MainFile, row, f[0]);
            var b = new EntityBuilder(id, list, OfacKinds.From(Value(f[2])));
            b.Name(Value(f[1]), NameType.Primary);
            foreach (var p in OfacKinds.Programmes(Value(f[3]))) b.Programme(p);
            b.Attribute("title", Value(f[4]));
            b.Attribute("vessel.callSign", Value(f[5]));
            b.Attribute("vessel.type", Value(f[6]));
            b.Attribute("vessel.tonnage", Value(f[7]));
            b.Attribute("vessel.grossRegisteredTonnage", Value(f[8]));
            b.Attribute("vessel.flag", Value(f[9]));
            b.Attribute("vessel.owner", Value(f[10]));
            if (Value(f[9]) is { } flag) b.Country(flag);

            var remarks = Value(f[11]) ?? "";
            if (comments.TryGetValue(id, out var extra)) remarks += string.Concat(extra.Select(e => Value(e[1])));
            if (remarks.Length > 0) OfacRemarks.Apply(remarks, b);

            foreach (var alt in aliases.GetValueOrDefault(id, []))
            {
                var type = Value(alt[2])?.ToLowerInvariant() == "fka" ? NameType.FormerName : NameType.Alias;
                b.Name(Value(alt[3]), type);
            }
            foreach (var add in addresses.GetValueOrDefault(id, []))
            {
                b.Address(Address.FromParts(Value(add[2]), Value(add[3]), null, null, Value(add[4])));
                b.Country(Value(add[4]));
            }
            if (!b.HasNames) throw new ListFormatException(input.MainFile, ListFormatException.Line(row.Line), $"entry {id} has no name");
            yield return b.Build();
        }
        // Checked after the rows, so that a damaged row is named by its line first.
        if (!EndsWithMarker(input.MainFile))
            throw new ListFormatException(input.MainFile, null, "does not end with OFAC's Ctrl-Z end-of-file byte: it was cut short (or re-saved by another program); refused");
    }

    /// <summary>Reads a companion file into ent_num → rows, checking that it is sound and its column count, and
    /// reports how many rows it gave.</summary>
    private static Dictionary<string, List<string[]>> Group(string? path, int columns, string role, ReadReport report)
    {
        var map = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        if (path is null) return map;
        var probe = ListProbe.Of(path);
        if (probe.Head.Length == 0 || probe.FirstLine.Trim('\u001a', ' ', '\r', '\n').Length == 0)
            throw new ListFormatException(path, null, $"the {role} file is empty; a set without its {role} rows would lose them");
        if (probe.LooksLikeHtml) throw new ListFormatException(path, null, $"the {role} file is an HTML page, not OFAC's CSV");
        var rows = 0;
        foreach (var row in TextSources.CsvRows(path, TextSources.StrictUtf8))
        {
            rows++;
            if (row.Fields.Length != columns)
                throw new ListFormatException(path, ListFormatException.Line(row.Line), $"expected {columns} columns, found {row.Fields.Length}");
            var id = EntNum(path, row, row.Fields[0]);
            if (!map.TryGetValue(id, out var list)) map[id] = list = [];
            list.Add(row.Fields);
        }
        report.Parts[role] = rows;
        return map;
    }

    private static string EntNum(string file, CsvRow row, string field)
    {
        var id = field.Trim();
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new ListFormatException(file, ListFormatException.Line(row.Line), $"ent_num '{Shorten(id)}' is not a number");
        return id;
    }

    private static bool EndsWithMarker(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) return false;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == 0x1A;
    }

    private static string? Value(string field)
    {
        var v = field.Trim();
        return v.Length == 0 || v == Null ? null : v;
    }

    private static string[]? FirstRow(string line)
    {
        using var reader = new StringReader(line);
        try
        {
            return new CsvRows(reader, "probe").Read().Select(r => r.Fields).FirstOrDefault();
        }
        catch (ListFormatException)
        {
            return null;
        }
    }

    private static string FindMain(string dir)
    {
        foreach (var name in new[] { "sdn.csv", "cons_prim.csv" })
        {
            var f = Directory.EnumerateFiles(dir).FirstOrDefault(x => string.Equals(Path.GetFileName(x), name, StringComparison.OrdinalIgnoreCase));
            if (f is not null) return f;
        }
        throw new ListFormatException(dir, null, "no sdn.csv or cons_prim.csv in this folder; add.csv, alt.csv and comments cannot be read without it");
    }

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
