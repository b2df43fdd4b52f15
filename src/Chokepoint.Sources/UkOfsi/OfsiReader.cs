using System.Globalization;
using System.Text.RegularExpressions;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.UkOfsi;

/// <summary>
/// HM Treasury OFSI's Consolidated List: the 2022-format ConList.xlsx or the legacy Windows-1252 ConList.csv. Both
/// start with a "Last Updated" row, then the header; each following row is one name variant, and rows sharing a
/// Group ID are one designated party. Rows are gathered per group (a few thousand groups, so this fits in memory
/// whatever the sheet size) and built in first-seen order.
/// </summary>
public sealed partial class OfsiReader : IListReader
{
    private const string ListName = "OFSI Consolidated List";

    public string Format => "uk-ofsi";
    public string Description => "UK OFSI Consolidated List (ConList.xlsx, or the legacy Windows-1252 ConList.csv)";

    public bool Recognises(ListProbe probe) =>
        probe.IsZip ? probe.ZipEntries.Contains("xl/workbook.xml") : probe.FirstLine.StartsWith("Last Updated,", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => ["gb-ofsi"];

    public string DatasetFor(ListInput input) => "gb-ofsi";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var file = input.MainFile;
        var xlsx = ListProbe.Of(file).IsZip;
        var rows = xlsx ? XlsxRows.Read(file) : TextSources.CsvRows(file, TextSources.Windows1252);
        var groups = new Dictionary<string, List<OfsiRow>>(StringComparer.Ordinal);
        string[]? header = null;
        Dictionary<string, int>? columns = null;
        var seen = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            seen++;
            if (seen == 1)
            {
                if (!row.Fields[0].Trim().Equals("Last Updated", StringComparison.OrdinalIgnoreCase))
                    throw new ListFormatException(file, ListFormatException.Line(row.Line), "expected the 'Last Updated' row first");
                report.Published = BirthDate.Parse(row.Fields.ElementAtOrDefault(1)) is { IsExact: true } d ? d.From : null;
                continue;
            }
            if (header is null)
            {
                header = row.Fields.Select(f => f.Trim()).ToArray();
                var missing = new[] { "Name 6", "Group ID", "Group Type", "Alias Type" }.Where(c => !header.Contains(c)).ToList();
                if (missing.Count > 0) throw new ListFormatException(file, ListFormatException.Line(row.Line), $"missing column(s) {string.Join(", ", missing)}");
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++) columns.TryAdd(header[i], i);
                continue;
            }
            // The CSV writes every cell; xlsx leaves trailing empty cells out, so only the CSV's width is checked.
            if (!xlsx && row.Fields.Length != header.Length)
                throw new ListFormatException(file, ListFormatException.Line(row.Line), $"{row.Fields.Length} cells where the header has {header.Length}; the row is broken or the file is truncated");
            var r = new OfsiRow(columns!, row);
            var group = r["Group ID"] ?? throw new ListFormatException(file, ListFormatException.Line(row.Line), "the Group ID cell is empty");
            if (!groups.TryGetValue(group, out var list)) groups[group] = list = [];
            list.Add(r);
        }
        if (header is null) throw new ListFormatException(file, null, "no header row; the file is empty or truncated");
        foreach (var (id, list) in groups) yield return Build(id, list, file);
    }

    private static ListedEntity Build(string id, List<OfsiRow> rows, string file)
    {
        var b = new EntityBuilder(id, ListName, KindWords.Of(rows[0]["Group Type"]));
        foreach (var r in rows)
        {
            b.Name(string.Join(' ', new[] { "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6" }.Select(c => r[c]).OfType<string>()), NameTypeOf(r));
            b.Name(r["Name Non-Latin Script"], NameType.OriginalScript, r["Non-Latin Script Language"] ?? r["Non-Latin Script Type"]);
            b.Attribute("title", r["Title"]);
            b.BirthDate(r["DOB"]);
            b.BirthPlace(string.Join(", ", new[] { r["Town of Birth"], r["Country of Birth"] }.OfType<string>()));
            foreach (var n in Numbered(r["Nationality"])) b.Nationality(n);
            b.Id("Passport", r["Passport Number"], note: r["Passport Details"]);
            if (r["Passport Number"] is null) b.Id("Passport", r["Passport Details"]);
            b.Id("National ID", r["National Identification Number"], note: r["National Identification Details"]);
            b.Id("National Insurance Number", r["NI Number"]);
            b.Attribute("position", r["Position"]);
            var street = string.Join(", ", new[] { "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6" }.Select(c => r[c]).OfType<string>());
            b.Address(Address.FromParts(street, null, null, r["Post/Zip Code"], r["Country"]));
            b.Country(r["Country"]);
            b.Remark(r["Other Information"]);
            b.Programme(r["Regime"]);
            b.Attribute("ukSanctionsListDateDesignated", r["UK Sanctions List Date Designated"]);
            b.Attribute("lastUpdated", r["Last Updated"]);
            if (b.ListedOn is null && BirthDate.Parse(r["Listed On"]) is { IsExact: true } listed) b.ListedOn = listed.From;
        }
        if (!b.HasNames) throw new ListFormatException(file, ListFormatException.Line(rows[0].Line), $"group {id} has no name");
        return b.Build();
    }

    private static NameType NameTypeOf(OfsiRow r) => (r["Alias Type"] ?? "").ToUpperInvariant() switch
    {
        "PRIMARY NAME" or "PRIME ALIAS" => NameType.Primary,
        "FKA" => NameType.FormerName,
        _ when string.Equals(r["Alias Quality"], "Low quality", StringComparison.OrdinalIgnoreCase) => NameType.WeakAlias,
        _ => NameType.Alias,
    };

    /// <summary>"1) Saudi Arabia 2) Qatar" → ["Saudi Arabia", "Qatar"].</summary>
    private static IEnumerable<string> Numbered(string? value) =>
        value is null ? [] : NumberedPattern().Split(value).Select(s => s.Trim().TrimEnd(',')).Where(s => s.Length > 0);

    [GeneratedRegex(@"\(?\d{1,2}\)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedPattern();

    private sealed class OfsiRow(Dictionary<string, int> columns, CsvRow row)
    {
        public long Line => row.Line;

        public string? this[string column] =>
            columns.TryGetValue(column, out var i) && i < row.Fields.Length ? Cells.Clean(row.Fields[i]) : null;
    }
}
