using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Application.Screening;

/// <summary>One input row: the party, or why the row cannot be screened, with its line and every cell it has by
/// column name (lower case), for readers that take more columns than screening (a counterparty's ref, address).</summary>
public readonly record struct PartyRow(long Line, PartyQuery? Query, string? Problem, string[] Raw, IReadOnlyDictionary<string, string> Cells);

/// <summary>Streams parties from a CSV or xlsx file (header: name, kind, country, dob, id, and any others) or a JSON
/// lines file, one row at a time.</summary>
public static class PartyRows
{
    private static readonly string[] Columns = ["name", "kind", "country", "dob", "id"];

    public static IEnumerable<PartyRow> Read(string path)
    {
        if (!File.Exists(path)) throw new IOException($"{path}: no such file");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Table(path, TextSources.CsvRows(path, TextSources.StrictUtf8), skipBlank: false),
            // A sheet's formatted but empty rows are not parties; a CSV's blank line is reported like any bad row.
            ".xlsx" => Table(path, XlsxRows.Read(path), skipBlank: true),
            ".jsonl" or ".ndjson" => JsonLines(path),
            var ext => throw new ArgumentException($"{path}: input must be .csv, .xlsx or .jsonl, not '{ext}'"),
        };
    }

    /// <summary>Rows of a CSV file or of a workbook's first sheet: the first row names the columns.</summary>
    private static IEnumerable<PartyRow> Table(string path, IEnumerable<CsvRow> rows, bool skipBlank)
    {
        Dictionary<string, int>? header = null;
        foreach (var row in rows)
        {
            if (skipBlank && header is not null && row.Fields.All(f => f.Trim().Length == 0)) continue;
            if (header is null)
            {
                header = row.Fields.Select((f, i) => (f.Trim().ToLowerInvariant(), i)).GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().i);
                if (!header.ContainsKey("name") && !header.ContainsKey("id"))
                    throw new ListFormatException(path, ListFormatException.Line(row.Line),
                        $"needs a 'name' column (and optionally {string.Join(", ", Columns.Skip(1))}); the header has {string.Join(", ", row.Fields)}");
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, i) in header)
                if (i < row.Fields.Length && row.Fields[i].Trim() is { Length: > 0 } value) cells[column] = value;
            yield return Make(row.Line, cells, row.Fields);
        }
    }

    private static IEnumerable<PartyRow> JsonLines(string path)
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
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Trim() is { Length: > 0 } value) cells[p.Name.ToLowerInvariant()] = value;
                if (!cells.ContainsKey("dob") && cells.Remove("birthdate", out var birth)) cells["dob"] = birth;
                if (!cells.ContainsKey("id") && cells.Remove("identifier", out var identifier)) cells["id"] = identifier;
                row = Make(line, cells, [text]);
            }
            catch (JsonException e)
            {
                row = new PartyRow(line, null, $"not a JSON object: {e.Message}", [text], new Dictionary<string, string>());
            }
            yield return row;
        }
    }

    private static PartyRow Make(long line, IReadOnlyDictionary<string, string> cells, string[] raw)
    {
        var (name, kind, country, dob, id) = (cells.GetValueOrDefault("name"), cells.GetValueOrDefault("kind"), cells.GetValueOrDefault("country"),
            cells.GetValueOrDefault("dob"), cells.GetValueOrDefault("id"));
        if (name is null && id is null) return new PartyRow(line, null, "no name and no id", raw, cells);
        if (name is { Length: > PartyQuery.MaxNameChars }) return new PartyRow(line, null, $"name longer than {PartyQuery.MaxNameChars:N0} characters", raw, cells);
        EntityKind? k = null;
        if (kind is not null)
        {
            k = PartyKinds.TryParse(kind);
            if (k is null) return new PartyRow(line, null, PartyKinds.Unknown(kind), raw, cells);
        }
        return new PartyRow(line, new PartyQuery(name, k, country, dob, id), null, raw, cells);
    }
}
