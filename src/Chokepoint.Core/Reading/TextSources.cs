using System.Text;

namespace Chokepoint.Core.Reading;

/// <summary>
/// Opens publisher files as text. Bytes that are not valid in the file's encoding decode to <see cref="Invalid"/>, a
/// Unicode noncharacter, and the readers refuse that character at the line it is on: a file in the wrong encoding fails
/// with its place instead of turning names into replacement characters. (A throwing decoder cannot name the line: it
/// fails while filling its buffer, thousands of lines ahead of the parser.)
/// </summary>
public static class TextSources
{
    /// <summary>What an undecodable byte becomes; U+FFFF is a noncharacter, never in real text.</summary>
    public const char Invalid = '\uFFFF';

    private static readonly DecoderFallback Marker = new DecoderReplacementFallback(Invalid.ToString());

    static TextSources()
    {
        // Windows-1252 is not built into .NET; the code-page provider must be registered before it is asked for.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, Marker);
    }

    public static Encoding StrictUtf8 { get; } = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, Marker);

    /// <summary>Windows-1252, which the legacy OFSI CSV uses.</summary>
    public static Encoding Windows1252 { get; }

    public static StreamReader Open(string path, Encoding encoding) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>Reads every row of a CSV file; an undecodable byte is a <see cref="ListFormatException"/> at its line.</summary>
    public static IEnumerable<CsvRow> CsvRows(string path, Encoding encoding)
    {
        using var reader = Open(path, encoding);
        foreach (var row in new CsvRows(reader, path, encoding: encoding.WebName).Read()) yield return row;
    }

    /// <summary>
    /// The rows of a CSV file a person made, in a spreadsheet or by hand: separated by commas, or by semicolons where
    /// the spreadsheet is set up for a decimal comma (Excel in much of Europe), told apart by the header line.
    /// </summary>
    public static IEnumerable<CsvRow> SpreadsheetCsvRows(string path, Encoding encoding)
    {
        var separator = ',';
        using (var sniff = Open(path, encoding))
            if (sniff.ReadLine() is { } header && Unquoted(header, ';') > Unquoted(header, ',')) separator = ';';
        using var reader = Open(path, encoding);
        foreach (var row in new CsvRows(reader, path, encoding: encoding.WebName, separator: separator).Read()) yield return row;
    }

    /// <summary>How often <paramref name="c"/> occurs outside quotes in one line.</summary>
    private static int Unquoted(string line, char c)
    {
        var (count, quoted) = (0, false);
        foreach (var x in line)
            if (x == '"') quoted = !quoted;
            else if (x == c && !quoted) count++;
        return count;
    }

    /// <summary>For line-based readers (JSON lines): refuses a line holding an undecodable byte.</summary>
    public static string CheckLine(string text, string file, long line, Encoding encoding) =>
        text.Contains(Invalid, StringComparison.Ordinal) ? throw InvalidBytes(file, line, encoding.WebName) : text;

    public static ListFormatException InvalidBytes(string file, long line, string encoding) =>
        new(file, ListFormatException.Line(line), $"bytes that are not valid {encoding}; the file is in another encoding or damaged");
}
