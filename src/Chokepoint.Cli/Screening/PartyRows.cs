using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Cli.Screening;

/// <summary>One input row: the party, or why the row cannot be screened, with its line.</summary>
internal readonly record struct PartyRow(long Line, PartyQuery? Query, string? Problem, string[] Raw);

/// <summary>Streams parties from a CSV (header: name, kind, country, dob, id) or JSON lines file, one row at a time.</summary>
internal static class PartyRows
{
    private static readonly string[] Columns = ["name", "kind", "country", "dob", "id"];

    public static IEnumerable<PartyRow> Read(string path)
    {
        if (!File.Exists(path)) throw new IOException($"{path}: no such file");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => Csv(path),
            ".jsonl" or ".ndjson" => JsonLines(path),
            var ext => throw new ArgumentException($"{path}: input must be .csv or .jsonl, not '{ext}'"),
        };
    }

    private static IEnumerable<PartyRow> Csv(string path)
    {
        Dictionary<string, int>? header = null;
        foreach (var row in TextSources.CsvRows(path, TextSources.StrictUtf8))
        {
            if (header is null)
            {
                header = row.Fields.Select((f, i) => (f.Trim().ToLowerInvariant(), i)).GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().i);
                if (!header.ContainsKey("name") && !header.ContainsKey("id"))
                    throw new ListFormatException(path, ListFormatException.Line(row.Line),
                        $"needs a 'name' column (and optionally {string.Join(", ", Columns.Skip(1))}); the header has {string.Join(", ", row.Fields)}");
                continue;
            }
            string? Cell(string c) => header.TryGetValue(c, out var i) && i < row.Fields.Length && row.Fields[i].Trim().Length > 0 ? row.Fields[i].Trim() : null;
            yield return Make(row.Line, Cell("name"), Cell("kind"), Cell("country"), Cell("dob"), Cell("id"), row.Fields);
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
                string? Get(string p) => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                row = Make(line, Get("name"), Get("kind"), Get("country"), Get("dob") ?? Get("birthDate"), Get("id") ?? Get("identifier"), [text]);
            }
            catch (JsonException e)
            {
                row = new PartyRow(line, null, $"not a JSON object: {e.Message}", [text]);
            }
            yield return row;
        }
    }

    private static PartyRow Make(long line, string? name, string? kind, string? country, string? dob, string? id, string[] raw)
    {
        if (name is null && id is null) return new PartyRow(line, null, "no name and no id", raw);
        if (name is { Length: > PartyQuery.MaxNameChars }) return new PartyRow(line, null, $"name longer than {PartyQuery.MaxNameChars:N0} characters", raw);
        EntityKind? k = null;
        if (kind is not null)
        {
            k = PartyKinds.TryParse(kind);
            if (k is null) return new PartyRow(line, null, PartyKinds.Unknown(kind), raw);
        }
        return new PartyRow(line, new PartyQuery(name, k, country, dob, id), null, raw);
    }
}
