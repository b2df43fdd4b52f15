using System.Text;

namespace Chokepoint.Cli.Screening;

/// <summary>Opens CSV output files, buffered: UTF-8 without a byte-order mark, or with one for Excel (<c>--excel</c>).
/// Cells go through <see cref="Core.Exports.SafeCsv"/>.</summary>
internal static class CsvOut
{
    public static Encoding Encoding(bool excel) => new UTF8Encoding(excel);

    public static StreamWriter Create(string path, bool excel) => new(path, false, Encoding(excel), 1 << 16);
}
