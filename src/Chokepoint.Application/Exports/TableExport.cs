using Chokepoint.Core.Exports;

namespace Chokepoint.Application.Exports;

/// <summary>A table as a download: CSV (UTF-8, header first) or a one-sheet workbook, with formula-like cells defused
/// in both, so a name such as "=HYPERLINK(...)" stays text in Excel (see <see cref="XlsxWriter"/>).</summary>
public static class TableExport
{
    public static readonly string[] Formats = ["csv", "xlsx"];

    public static string ContentType(string format) =>
        format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the table into <paramref name="output"/> (seekable for xlsx).</summary>
    public static void Write(string format, Stream output, IReadOnlyList<SheetColumn> columns, IEnumerable<string?[]> rows, string sheet)
    {
        if (format == "csv")
        {
            using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
            SafeCsv.WriteRow(writer, SheetColumn.Names(columns));
            foreach (var row in rows) SafeCsv.WriteRow(writer, row);
            return;
        }
        if (format != "xlsx") throw new ArgumentException($"A table downloads as csv or xlsx, not '{format}'.");
        using var xlsx = new XlsxWriter(output, columns, sheet);
        foreach (var row in rows) xlsx.Row(row);
    }
}
