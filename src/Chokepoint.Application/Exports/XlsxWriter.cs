using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chokepoint.Application.Exports;

/// <summary>
/// Writes a one-sheet workbook row by row with the Open XML SDK's streaming writer (inline strings, no shared string
/// table), so a million hits do not sit in memory. It behaves as a person expects of a spreadsheet: numbers and dates
/// are typed cells, the header row is bold, frozen and filtered, and columns are as wide as their first rows need. A
/// text that a spreadsheet would run as a formula is kept as written but marked as text ("quote prefix"), so it shows
/// without the apostrophe a CSV needs and still never runs, even when the cell is edited.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    /// <summary>Rows held back to size the columns before the sheet's column widths are written.</summary>
    private const int SizingRows = 200;
    private const double MinWidth = 6, MaxWidth = 60;

    private static class Style
    {
        public const uint Header = 1, Date = 2, Timestamp = 3, Text = 4, Score = 5;
    }

    private readonly SpreadsheetDocument _doc;
    private readonly WorkbookPart _workbook;
    private readonly OpenXmlWriter _writer;
    private readonly IReadOnlyList<SheetColumn> _columns;
    private readonly string[] _letters;
    private readonly string _sheet;
    private List<string?[]>? _held = [];
    private uint _row;

    public XlsxWriter(string path, IReadOnlyList<SheetColumn> columns, string sheet = "hits")
        : this(SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook), columns, sheet) { }

    /// <summary>Writes into <paramref name="stream"/> (seekable, left open), for an HTTP download.</summary>
    public XlsxWriter(Stream stream, IReadOnlyList<SheetColumn> columns, string sheet = "hits")
        : this(SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook), columns, sheet) { }

    private XlsxWriter(SpreadsheetDocument doc, IReadOnlyList<SheetColumn> columns, string sheet)
    {
        _doc = doc;
        _columns = columns;
        _sheet = sheet;
        _letters = [.. Enumerable.Range(0, columns.Count).Select(Letters)];
        _workbook = _doc.AddWorkbookPart();
        _workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var part = _workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(part);
        _workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = _workbook.GetIdOfPart(part), SheetId = 1, Name = sheet }));
    }

    public void Row(IReadOnlyList<string?> cells)
    {
        if (_held is null)
        {
            WriteRow(cells);
            return;
        }
        _held.Add([.. cells]);
        if (_held.Count == SizingRows) Release();
    }

    /// <summary>Sizes the columns on the rows held so far, starts the sheet and writes them.</summary>
    private void Release()
    {
        var held = _held!;
        _held = null;
        _writer.WriteStartElement(new Worksheet());
        // The header stays in view while scrolling.
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new("A2")]) })
        { TabSelected = true, WorkbookViewId = 0 }));
        var widths = new Columns();
        for (var c = 0; c < _columns.Count; c++)
        {
            var chars = held.Select(r => c < r.Length ? Shown(_columns[c].Kind, r[c]) : 0).Append(_columns[c].Name.Length + 3).Max();
            widths.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Clamp(chars + 2, MinWidth, MaxWidth), CustomWidth = true });
        }
        _writer.WriteElement(widths);
        _writer.WriteStartElement(new SheetData());
        WriteRow([.. _columns.Select(c => c.Name)], header: true);
        foreach (var row in held) WriteRow(row);
    }

    /// <summary>How many characters a cell shows, for its column's width.</summary>
    private static int Shown(CellKind kind, string? text) => kind switch
    {
        CellKind.Date => 10,
        CellKind.Timestamp => 19,
        _ => text?.Length ?? 0,
    };

    private void WriteRow(IReadOnlyList<string?> cells, bool header = false)
    {
        var row = ++_row;
        _writer.WriteStartElement(new Row { RowIndex = row });
        for (var c = 0; c < cells.Count && c < _columns.Count; c++)
        {
            if (string.IsNullOrEmpty(cells[c])) continue; // a blank cell, which a filter lists as "(Blanks)"
            var cell = header ? Text(cells[c]!, Style.Header) : Typed(_columns[c].Kind, cells[c]!);
            cell.CellReference = _letters[c] + row.ToString(CultureInfo.InvariantCulture);
            _writer.WriteElement(cell);
        }
        _writer.WriteEndElement();
    }

    /// <summary>A number or a date as a typed cell; anything that does not read as one stays text, as written.</summary>
    private static Cell Typed(CellKind kind, string text)
    {
        switch (kind)
        {
            case CellKind.Number or CellKind.Score
                when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                return new Cell { CellValue = new CellValue(number), StyleIndex = kind == CellKind.Score ? Style.Score : null };
            // A partial date (a birth year alone, as lists often give) stays text: a spreadsheet date is always a day.
            case CellKind.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                return new Cell { CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = Style.Date };
            case CellKind.Timestamp when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                return new Cell { CellValue = new CellValue(at.UtcDateTime.ToOADate()), StyleIndex = Style.Timestamp };
            default:
                return Text(text, Core.Exports.SafeCsv.IsFormulaLike(text) ? Style.Text : null);
        }
    }

    private static Cell Text(string text, uint? style) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }), StyleIndex = style };

    /// <summary>A (zero-based) → "A", 26 → "AA".</summary>
    private static string Letters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0000" }) { Count = 3 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true },
            new CellFormat { NumberFormatId = 166, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    public void Dispose()
    {
        if (_held is not null) Release();
        _writer.WriteEndElement(); // sheetData
        var range = $"A1:{_letters[^1]}{Math.Max(_row, 1)}";
        _writer.WriteElement(new AutoFilter { Reference = range });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        // Excel keeps the filtered range as a hidden name of the sheet; without it some versions drop the filter.
        var quoted = $"'{_sheet.Replace("'", "''", StringComparison.Ordinal)}'";
        _workbook.Workbook!.Append(new DefinedNames(new DefinedName($"{quoted}!$A$1:${_letters[^1]}${Math.Max(_row, 1)}")
            { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
        _workbook.Workbook.Save();
        _doc.Dispose();
    }
}

/// <summary>What a column holds, so a workbook can type its cells.</summary>
public enum CellKind { Text, Number, Score, Date, Timestamp }

/// <summary>A column of an exported table: its header and what it holds.</summary>
public sealed record SheetColumn(string Name, CellKind Kind = CellKind.Text)
{
    public static implicit operator SheetColumn(string name) => new(name);

    public static string[] Names(IEnumerable<SheetColumn> columns) => [.. columns.Select(c => c.Name)];
}
