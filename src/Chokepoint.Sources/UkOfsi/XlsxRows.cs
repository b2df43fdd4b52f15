using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.UkOfsi;

/// <summary>Streams the rows of the first worksheet of an xlsx file as text cells, with the SAX reader of the Open XML
/// SDK: one row in memory at a time, never the whole 13 MB sheet.</summary>
internal static class XlsxRows
{
    public static IEnumerable<CsvRow> Read(string path)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(path, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or ArgumentException or FormatException)
        {
            throw new ListFormatException(path, null, $"not a readable xlsx workbook: {e.Message}", e);
        }
        using (doc)
        {
            var workbook = doc.WorkbookPart ?? throw new ListFormatException(path, null, "the workbook has no workbook part");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ListFormatException(path, null, "the workbook has no worksheet");
            var part = Guard(path, "workbook", () => workbook.GetPartById(sheet.Id?.Value ?? "") as WorksheetPart
                ?? throw new InvalidDataException("the first sheet is not a worksheet"));
            var strings = Guard(path, "shared strings", () => SharedStrings(workbook));
            using var reader = Guard(path, "worksheet", () => OpenXmlReader.Create(part));
            while (true)
            {
                Row? row = null;
                try
                {
                    while (reader.Read())
                    {
                        if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                        {
                            row = (Row)reader.LoadCurrentElement()!;
                            break;
                        }
                    }
                }
                catch (Exception e) when (IsDamage(e))
                {
                    throw new ListFormatException(path, "worksheet", $"damaged worksheet: {e.Message}", e);
                }
                if (row is null) yield break;
                yield return new CsvRow(Cells(row, strings, path), row.RowIndex?.Value ?? 0);
            }
        }
    }

    /// <summary>What a damaged workbook throws from inside the SDK: bad XML, a failed ZIP CRC, a broken package.</summary>
    private static bool IsDamage(Exception e) =>
        e is System.Xml.XmlException or InvalidDataException or OpenXmlPackageException or IOException or FormatException or InvalidOperationException or ArgumentException;

    private static T Guard<T>(string path, string where, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new ListFormatException(path, where, $"damaged workbook: {e.Message}", e);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } sst) return list;
        using var reader = OpenXmlReader.Create(sst);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                list.Add(reader.LoadCurrentElement()!.InnerText);
        }
        return list;
    }

    private static string[] Cells(Row row, List<string> strings, string path)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var col = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
            while (cells.Count < col) cells.Add("");
            var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                if (!int.TryParse(raw, out var i) || i < 0 || i >= strings.Count)
                    throw new ListFormatException(path, $"cell {cell.CellReference?.Value}", $"refers to shared string {raw}, which does not exist");
                raw = strings[i];
            }
            cells.Add(raw);
        }
        return cells.ToArray();
    }

    /// <summary>"AJ12" → 35 (zero-based).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c)) break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index == 0 ? null : index - 1;
    }
}
