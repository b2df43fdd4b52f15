using System.Text;

namespace Chokepoint.Core.Reading;

/// <summary>A CSV file with a header row, read row by row with values looked up by column name. Missing required
/// columns fail at once with the columns that were found; a row with the wrong number of cells fails at its line.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(Dictionary<string, int> columns) => _columns = columns;

    /// <summary>Streams the rows after the header (which is on line <paramref name="headerLine"/>, 1-based).</summary>
    public static IEnumerable<CsvRecord> Read(string path, Encoding encoding, IReadOnlyCollection<string> required, int headerLine = 1) =>
        Read(path, TextSources.CsvRows(path, encoding), required, headerLine);

    /// <summary>Streams the rows after the header of rows already split, from the file named <paramref name="path"/>.</summary>
    public static IEnumerable<CsvRecord> Read(string path, IEnumerable<CsvRow> rows, IReadOnlyCollection<string> required, int headerLine = 1)
    {
        CsvTable? table = null;
        var width = 0;
        var seen = 0;
        foreach (var row in rows)
        {
            if (++seen < headerLine) continue;
            if (table is null)
            {
                var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < row.Fields.Length; i++) columns.TryAdd(row.Fields[i].Trim(), i);
                var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
                if (missing.Count > 0)
                    throw new ListFormatException(path, ListFormatException.Line(row.Line),
                        $"missing column(s) {string.Join(", ", missing)}; the header has {OfacShort(string.Join(", ", row.Fields))}");
                table = new CsvTable(columns);
                width = row.Fields.Length;
                continue;
            }
            // Publishers write every cell of every row; a row of another width is cut off (a truncated download) or broken.
            if (row.Fields.Length != width)
                throw new ListFormatException(path, ListFormatException.Line(row.Line), $"{row.Fields.Length} cells where the header has {width}; the row is broken or the file is truncated");
            yield return new CsvRecord(table, row);
        }
        if (table is null) throw new ListFormatException(path, null, "the file has no header row");
    }

    private static string OfacShort(string s) => s.Length <= 200 ? s : s[..200] + "...";

    /// <summary>One row of a <see cref="CsvTable"/>.</summary>
    public readonly struct CsvRecord
    {
        private readonly CsvTable _table;

        internal CsvRecord(CsvTable table, CsvRow row)
        {
            _table = table;
            Row = row;
        }

        public CsvRow Row { get; }
        public long Line => Row.Line;

        /// <summary>The cell under a column, trimmed; null when blank or absent in this row.</summary>
        public string? this[string column] =>
            _table._columns.TryGetValue(column, out var i) && i < Row.Fields.Length ? Cells.Clean(Row.Fields[i]) : null;

        /// <summary>A multi-valued cell split on a separator, blanks dropped.</summary>
        public IEnumerable<string> Split(string column, string separator) =>
            (this[column] ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
