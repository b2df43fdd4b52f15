using System.Text;

namespace Chokepoint.Cli.Screening;

/// <summary>Opens CSV output files: UTF-8 without a byte-order mark, buffered. Cells go through <see cref="Core.Exports.SafeCsv"/>.</summary>
internal static class CsvOut
{
    public static StreamWriter Create(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);
}
