using System.Buffers;

namespace Chokepoint.Core.Exports;

/// <summary>CSV cells quoted as RFC 4180 wants, and defused: a cell that a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe. Every export goes through here.</summary>
public static class SafeCsv
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\n\r");

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    public static string Cell(string? value)
    {
        var writer = new StringWriter();
        WriteCell(writer, value);
        return writer.ToString();
    }

    /// <summary>Writes one row and its line end straight to <paramref name="writer"/>, without building it as a string
    /// first: batch outputs write hundreds of thousands of rows.</summary>
    public static void WriteRow(TextWriter writer, ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) writer.Write(',');
            WriteCell(writer, cells[i]);
        }
        writer.WriteLine();
    }

    private static void WriteCell(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var quoted = value.AsSpan().ContainsAny(NeedQuotes);
        if (quoted) writer.Write('"');
        if (IsFormulaLike(value)) writer.Write('\'');
        if (!quoted) writer.Write(value);
        else
            foreach (var c in value)
            {
                if (c == '"') writer.Write('"');
                writer.Write(c);
            }
        if (quoted) writer.Write('"');
    }

    /// <summary>Whether a spreadsheet would run the text as a formula.</summary>
    public static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
