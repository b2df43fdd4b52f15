using System.Text;

namespace Chokepoint.Sources.Reading;

/// <summary>Opens publisher files as text with a strict decoder, so a file in the wrong encoding fails with its place
/// instead of turning names into replacement characters.</summary>
public static class TextSources
{
    static TextSources()
    {
        // Windows-1252 is not built into .NET; the code-page provider must be registered before it is asked for.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252, which the legacy OFSI CSV uses. Five of its bytes are undefined and rejected.</summary>
    public static Encoding Windows1252 { get; }

    public static StreamReader Open(string path, Encoding encoding) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>Reads every row of a CSV file, turning a decoding failure into a <see cref="ListFormatException"/> at its line.</summary>
    public static IEnumerable<CsvRow> CsvRows(string path, Encoding encoding)
    {
        using var reader = Open(path, encoding);
        var rows = new CsvRows(reader, path);
        using var e = rows.Read().GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (DecoderFallbackException ex)
            {
                throw new ListFormatException(path, ListFormatException.Line(rows.CurrentLine),
                    $"bytes that are not valid {encoding.WebName} (0x{Convert.ToHexString(ex.BytesUnknown ?? [])}); the file is in another encoding or damaged", ex);
            }
            yield return e.Current;
        }
    }
}
