using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chokepoint.Tests.Support;

/// <summary>An exported workbook opened with the Open XML SDK, read the way Excel reads it: cells by reference, their
/// types and the styles they point at.</summary>
public sealed class ExportedWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _doc;

    public ExportedWorkbook(string path) => _doc = SpreadsheetDocument.Open(path, false);

    public Worksheet Sheet => _doc.WorkbookPart!.WorksheetParts.Single().Worksheet!;
    public Stylesheet Styles => _doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
    public IReadOnlyList<Row> Rows => [.. Sheet.Descendants<Row>()];

    public Cell? Cell(string reference) => Sheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);

    public static string Text(Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? "";

    public CellFormat Format(Cell cell) => (CellFormat)Styles.CellFormats!.ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    /// <summary>The number format's code, built-in ones by id.</summary>
    public string NumberFormat(Cell cell)
    {
        var id = Format(cell).NumberFormatId?.Value ?? 0;
        return Styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value ?? $"builtin {id}";
    }

    /// <summary>Every cell whose text a spreadsheet would run as a formula is a text cell marked "quote prefix", so it
    /// shows as written and never runs; none is a formula.</summary>
    public void AssertFormulasDefused()
    {
        Assert.Empty(Sheet.Descendants<CellFormula>());
        foreach (var cell in Sheet.Descendants<Cell>().Where(c => Text(c) is { Length: > 0 } t && t[0] is '=' or '+' or '-' or '@'))
        {
            Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
            Assert.True(Format(cell).QuotePrefix?.Value, $"{cell.CellReference} '{Text(cell)}' is not marked as text");
        }
    }

    /// <summary>The package is valid Office Open XML as Excel reads it (element order, attributes, styles).</summary>
    public void AssertValid()
    {
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(_doc);
        Assert.True(!errors.Any(), string.Join("; ", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    public void Dispose() => _doc.Dispose();
}
