using System.Text;
using System.Xml;
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
            using var stream = Guard(path, "worksheet", () => part.GetStream(FileMode.Open, FileAccess.Read));
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false });
            while (true)
            {
                CsvRow? row;
                try
                {
                    row = NextRow(reader, strings, path);
                }
                catch (Exception e) when (IsDamage(e))
                {
                    throw new ListFormatException(path, "worksheet", $"damaged worksheet: {e.Message}", e);
                }
                if (row is null) yield break;
                yield return row.Value;
            }
        }
    }

    /// <summary>Reads the next &lt;row&gt; of the sheet XML with a plain XmlReader: several times faster than
    /// materialising each row as SDK objects.</summary>
    private static CsvRow? NextRow(XmlReader reader, List<string> strings, string path)
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row") continue;
            var number = long.TryParse(reader.GetAttribute("r"), out var r) ? r : 0;
            var cells = new List<string>();
            if (reader.IsEmptyElement) return new CsvRow([], number);
            var depth = reader.Depth;
            string? reference = null, type = null, element = null;
            var value = new StringBuilder();
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element) element = reader.LocalName;
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
                {
                    reference = reader.GetAttribute("r");
                    type = reader.GetAttribute("t");
                    value.Clear();
                    if (reader.IsEmptyElement) Put(cells, reference, "", null, strings, path);
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA
                         && element is "v" or "t")
                {
                    value.Append(reader.Value);
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
                {
                    Put(cells, reference, value.ToString(), type, strings, path);
                }
            }
            return new CsvRow(cells.ToArray(), number);
        }
        return null;
    }

    private static void Put(List<string> cells, string? reference, string raw, string? type, List<string> strings, string path)
    {
        var col = ColumnIndex(reference) ?? cells.Count;
        while (cells.Count < col) cells.Add("");
        if (type == "s")
        {
            if (!int.TryParse(raw, out var i) || i < 0 || i >= strings.Count)
                throw new ListFormatException(path, $"cell {reference}", $"refers to shared string {raw}, which does not exist");
            raw = strings[i];
        }
        if (cells.Count == col) cells.Add(raw);
        else cells[col] = raw;
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
