using System.Text;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>
/// Opens a statistics extract as text. These files pass through people's tools before they reach us: the UN Comtrade
/// extracts here carry a UTF-8 byte-order mark yet hold a few Windows-1252 bytes ("Côte d'Ivoire", "Curaçao"). Each
/// line is therefore decoded as UTF-8 and, where it is not valid UTF-8, as Windows-1252, and the lines so read are
/// reported. What no text encoding explains (NUL bytes: UTF-16, a spreadsheet saved as .xlsx, a binary) is refused.
/// </summary>
public static class StatisticsText
{
    /// <summary>Larger than any national extract at HS-6 by month; a bigger file is not one of these formats.</summary>
    public const long MaxBytes = 1L << 30;

    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    public static (IEnumerable<CsvRow> Rows, IReadOnlyList<long> Windows1252Lines) CsvRows(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ListFormatException(path, null, "there is no such file");
        if (info.Length > MaxBytes) throw new ListFormatException(path, null, $"{info.Length:N0} bytes is larger than the {MaxBytes:N0} a trade statistics extract may have");
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = new StringBuilder(bytes.Length);
        var latin = new List<long>();
        long line = 1;
        for (var i = start; i < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', i);
            var stop = end < 0 ? bytes.Length : end + 1;
            var span = bytes.AsSpan(i, stop - i);
            if (span.Contains((byte)0))
                throw new ListFormatException(path, ListFormatException.Line(line), "NUL bytes: the file is UTF-16, a spreadsheet or binary, not a CSV extract");
            try
            {
                text.Append(Utf8.GetString(span));
            }
            catch (DecoderFallbackException)
            {
                text.Append(TextSources.Windows1252.GetString(span));
                latin.Add(line);
            }
            line++;
            i = stop;
        }
        return (new CsvRows(new StringReader(text.ToString()), path).Read(), latin);
    }

    public static string Lines(IReadOnlyList<long> lines) =>
        string.Join(", ", lines.Take(5)) + (lines.Count > 5 ? $" and {lines.Count - 5} more" : "");
}
