using System.Text;

namespace Chokepoint.Cli.Screening;

/// <summary>Writes CSV cells quoted as RFC 4180 wants, and defused: a cell that a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.</summary>
internal static class CsvOut
{
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    public static string Cell(string? value)
    {
        var v = Defuse(value ?? "");
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    public static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static StreamWriter Create(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);
}
