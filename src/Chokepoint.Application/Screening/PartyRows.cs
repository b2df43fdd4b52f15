using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Application.Screening;

/// <summary>One input row: the party, or why the row cannot be screened, with its line and every cell it has by
/// column name (lower case), for readers that take more columns than screening (a counterparty's ref, address).</summary>
public readonly record struct PartyRow(long Line, PartyQuery? Query, string? Problem, IReadOnlyDictionary<string, string> Cells);

/// <summary>Streams parties from a CSV or xlsx file (header: name, kind, country, dob, id, and any others) or a JSON
/// lines file, one row at a time.</summary>
public static class PartyRows
{
    /// <summary>Our columns a party file can carry, for a mapping from the file's own headers.</summary>
    public static readonly string[] Columns = ["name", "kind", "country", "dob", "id"];

    /// <summary>The parties of a file. <paramref name="columns"/> maps our column names (name, ref, dob ...) to the
    /// file's own headers where they differ ("name" → "Customer name"); a file column mapped away is not read as itself.</summary>
    public static IEnumerable<PartyRow> Read(string path, IReadOnlyDictionary<string, string>? columns = null)
    {
        if (!File.Exists(path)) throw new IOException($"{path}: no such file");
        var rename = Rename(columns);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Table(path, TextSources.SpreadsheetCsvRows(path, TextSources.StrictUtf8), skipBlank: false, rename),
            // A sheet's formatted but empty rows are not parties; a CSV's blank line is reported like any bad row.
            ".xlsx" => Table(path, XlsxRows.Read(path), skipBlank: true, rename),
            ".jsonl" or ".ndjson" => JsonLines(path, rename),
            var ext => throw new ArgumentException($"{path}: input must be .csv, .xlsx or .jsonl, not '{ext}'"),
        };
    }

    /// <summary>The file's column names and its first <paramref name="rows"/> rows as they stand, for a mapping preview.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows) Preview(string path, int rows)
    {
        if (!File.Exists(path)) throw new IOException($"{path}: no such file");
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".jsonl" or ".ndjson")
        {
            var objects = JsonLines(path, null).Take(rows).Select(r => r.Cells).ToList();
            var keys = objects.SelectMany(o => o.Keys).Distinct(StringComparer.Ordinal).ToList();
            return (keys, [.. objects.Select(o => keys.Select(k => o.GetValueOrDefault(k) ?? "").ToArray())]);
        }
        var table = ext switch
        {
            ".csv" => TextSources.SpreadsheetCsvRows(path, TextSources.StrictUtf8),
            ".xlsx" => XlsxRows.Read(path),
            _ => throw new ArgumentException($"{path}: input must be .csv, .xlsx or .jsonl, not '{ext}'"),
        };
        var all = table.Take(rows + 1).Select(r => r.Fields).ToList();
        if (all.Count == 0) throw new ListFormatException(path, null, "the file is empty");
        return (all[0].Select(h => h.Trim()).ToList(), all.Skip(1).ToList());
    }

    /// <summary>File header (lower case) → our column; a file column whose own name we map elsewhere → "" (ignored).</summary>
    private static Dictionary<string, string> Rename(IReadOnlyDictionary<string, string>? columns)
    {
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        if (columns is null) return rename;
        foreach (var ours in columns.Keys) rename[ours.ToLowerInvariant()] = "";
        foreach (var (ours, theirs) in columns)
            if (!string.IsNullOrWhiteSpace(theirs)) rename[theirs.Trim().ToLowerInvariant()] = ours.ToLowerInvariant();
        return rename;
    }

    private static string Column(Dictionary<string, string> rename, string header) => rename.TryGetValue(header, out var ours) ? ours : header;

    /// <summary>Rows of a CSV file or of a workbook's first sheet: the first row names the columns.</summary>
    private static IEnumerable<PartyRow> Table(string path, IEnumerable<CsvRow> rows, bool skipBlank, Dictionary<string, string> rename)
    {
        Dictionary<string, int>? header = null;
        foreach (var row in rows)
        {
            if (skipBlank && header is not null && row.Fields.All(f => f.Trim().Length == 0)) continue;
            if (header is null)
            {
                header = row.Fields.Select((f, i) => (Column(rename, f.Trim().ToLowerInvariant()), i)).Where(p => p.Item1.Length > 0)
                    .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().i);
                var present = row.Fields.Select(f => f.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
                // A mapping names the file's columns; one that is not there is a mistake to report, not a column to skip.
                if (rename.FirstOrDefault(p => p.Value.Length > 0 && !present.Contains(p.Key)) is { Key: not null } missing)
                    throw new ListFormatException(path, ListFormatException.Line(row.Line),
                        $"the mapping names a column '{missing.Key}' (for {missing.Value}) that the file does not have; the header has {string.Join(", ", row.Fields)}");
                if (!header.ContainsKey("name") && !header.ContainsKey("id"))
                    throw new ListFormatException(path, ListFormatException.Line(row.Line),
                        $"needs a 'name' column (and optionally {string.Join(", ", Columns.Skip(1))}); the header has {string.Join(", ", row.Fields)}");
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, i) in header)
                if (i < row.Fields.Length && row.Fields[i].Trim() is { Length: > 0 } value) cells[column] = value;
            yield return Make(row.Line, cells);
        }
    }

    private static IEnumerable<PartyRow> JsonLines(string path, Dictionary<string, string>? rename)
    {
        using var reader = TextSources.Open(path, TextSources.StrictUtf8);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            TextSources.CheckLine(text, path, line, TextSources.StrictUtf8);
            if (string.IsNullOrWhiteSpace(text)) continue;
            PartyRow row;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException($"a {doc.RootElement.ValueKind}, not an object");
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in doc.RootElement.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Trim() is { Length: > 0 } value
                        && (rename is null ? p.Name.ToLowerInvariant() : Column(rename, p.Name.ToLowerInvariant())) is { Length: > 0 } column)
                        cells[column] = value;
                if (!cells.ContainsKey("dob") && cells.Remove("birthdate", out var birth)) cells["dob"] = birth;
                if (!cells.ContainsKey("id") && cells.Remove("identifier", out var identifier)) cells["id"] = identifier;
                row = Make(line, cells);
            }
            catch (JsonException e)
            {
                row = new PartyRow(line, null, $"not a JSON object: {e.Message}", new Dictionary<string, string>());
            }
            yield return row;
        }
    }

    private static PartyRow Make(long line, IReadOnlyDictionary<string, string> cells)
    {
        var (name, kind, country, dob, id) = (cells.GetValueOrDefault("name"), cells.GetValueOrDefault("kind"), cells.GetValueOrDefault("country"),
            cells.GetValueOrDefault("dob"), cells.GetValueOrDefault("id"));
        if (name is null && id is null) return new PartyRow(line, null, "no name and no id", cells);
        if (name is { Length: > PartyQuery.MaxNameChars }) return new PartyRow(line, null, $"name longer than {PartyQuery.MaxNameChars:N0} characters", cells);
        EntityKind? k = null;
        if (kind is not null)
        {
            k = PartyKinds.TryParse(kind);
            if (k is null) return new PartyRow(line, null, PartyKinds.Unknown(kind), cells);
        }
        return new PartyRow(line, new PartyQuery(name, k, country, dob, id), null, cells);
    }
}
