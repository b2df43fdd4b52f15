using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chokepoint.Application.Exports;

/// <summary>Writes a one-sheet xlsx row by row with the Open XML SDK's streaming writer (inline strings, no shared
/// string table), so a million hits do not sit in memory.</summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly SpreadsheetDocument _doc;
    private readonly OpenXmlWriter _writer;
    private uint _row;

    public XlsxWriter(string path) : this(SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook)) { }

    /// <summary>Writes into <paramref name="stream"/> (seekable, left open), for an HTTP download.</summary>
    public XlsxWriter(Stream stream) : this(SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook)) { }

    private XlsxWriter(SpreadsheetDocument doc)
    {
        _doc = doc;
        var workbook = _doc.AddWorkbookPart();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "hits" }));
    }

    public void Row(IEnumerable<string> cells)
    {
        _writer.WriteStartElement(new Row { RowIndex = ++_row });
        foreach (var text in cells)
            _writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
        _writer.WriteEndElement();
    }

    public void Dispose()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Close();
        _doc.Workbook().Save();
        _doc.Dispose();
    }
}

internal static class SpreadsheetExtensions
{
    public static Workbook Workbook(this SpreadsheetDocument doc) => doc.WorkbookPart!.Workbook!;
}
