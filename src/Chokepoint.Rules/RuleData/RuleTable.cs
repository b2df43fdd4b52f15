using Chokepoint.Core.Values;
using System.Globalization;
using System.Security.Cryptography;

namespace Chokepoint.Rules.RuleData;

/// <summary>One row of a rule table: its cells by column, the days it is in force and where it comes from.</summary>
public sealed record RuleRow(string Table, int Line, IReadOnlyDictionary<string, string> Cells, DateRange Validity, string Source)
{
    public string this[string column] => Cells.TryGetValue(column, out var v) ? v : throw new KeyNotFoundException($"{Table} has no column '{column}'.");

    public bool InForce(DateOnly day) => Validity.Contains(day);
}

/// <summary>
/// A tab-separated table of facts of law shipped with Chokepoint (src/Chokepoint.Rules/Data). Every row must carry
/// effective_from, effective_to (may be empty) and a source: a row without them is a build-breaking error, so no fact
/// enters a decision without its citation and dates.
/// </summary>
public sealed class RuleTable
{
    private RuleTable(string name, IReadOnlyList<RuleRow> rows, string sha256) => (Name, Rows, Sha256) = (name, rows, sha256);

    public string Name { get; }
    public IReadOnlyList<RuleRow> Rows { get; }
    public string Sha256 { get; }

    public static RuleTable Embedded(string fileName)
    {
        using var stream = typeof(RuleTable).Assembly.GetManifestResourceStream("rules/" + fileName)
            ?? throw new InvalidOperationException($"Rule table {fileName} is not embedded in Chokepoint.Rules.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(fileName, buffer.ToArray());
    }

    public static RuleTable Parse(string name, byte[] bytes)
    {
        var text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
        var lines = text.Split('\n');
        string[]? header = null;
        var rows = new List<RuleRow>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (header is null)
            {
                header = cells;
                foreach (var required in new[] { "effective_from", "effective_to", "source" })
                    if (!header.Contains(required)) throw new FormatException($"{name}: the header lacks the column '{required}'.");
                continue;
            }
            if (cells.Length != header.Length) throw new FormatException($"{name} line {i + 1}: {cells.Length} cells where the header has {header.Length}.");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++) map[header[c]] = cells[c].Trim();
            if (map["source"].Length == 0) throw new FormatException($"{name} line {i + 1}: the row has no source.");
            var from = Day(name, i, map["effective_from"]) ?? throw new FormatException($"{name} line {i + 1}: the row has no effective_from date.");
            rows.Add(new RuleRow(name, i + 1, map, new DateRange(from, Day(name, i, map["effective_to"])), map["source"]));
        }
        if (header is null || rows.Count == 0) throw new FormatException($"{name}: the table is empty.");
        return new RuleTable(name, rows, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static DateOnly? Day(string name, int line, string text) =>
        text.Length == 0 ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new FormatException($"{name} line {line + 1}: '{text}' is not a yyyy-MM-dd date.");
}
