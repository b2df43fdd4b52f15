using System.Text;
using System.Xml;
using Chokepoint.Core.Reading;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chokepoint.Sources.Reading;

/// <summary>Streams the rows of the first worksheet of an xlsx file as text cells (an OFSI list, a counterparty register), with the SAX reader of the Open XML
/// SDK: one row in memory at a time, never the whole 13 MB sheet.</summary>
public static class XlsxRows
{
    public static IEnumerable<CsvRow> Read(string path)
    {
        CheckPartSizes(path);
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
            var strings = Guard(path, "shared strings", () => SharedStrings(workbook, path));
            var stream = Guard(path, "worksheet", () => new BoundedStream(part.GetStream(FileMode.Open, FileAccess.Read), ReadLimits.PartBytes, ReadLimits.RecordBytes));
            using var _ = stream;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false });
            while (true)
            {
                CsvRow? row;
                try
                {
                    row = NextRow(reader, strings, path, stream);
                }
                catch (InputTooLargeException e)
                {
                    throw new ListFormatException(path, "worksheet", $"{e.Message} in the worksheet; no real list holds that, so the file is refused", e);
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
    private static CsvRow? NextRow(XmlReader reader, List<string> strings, string path, BoundedStream stream)
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row") continue;
            stream.Mark(); // each row gets the window of one record
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
                    AppendCapped(reader, value, path, "worksheet");
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

    /// <summary>The shared strings, read in chunks so that one oversized string is refused before it is whole.</summary>
    private static List<string> SharedStrings(WorkbookPart workbook, string path)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } sst) return list;
        using var stream = new BoundedStream(sst.GetStream(FileMode.Open, FileAccess.Read), ReadLimits.PartBytes, long.MaxValue);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var text = new StringBuilder();
        var inText = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "si":
                        text.Clear();
                        if (reader.IsEmptyElement) list.Add("");
                        break;
                    case XmlNodeType.Element when reader.LocalName == "t":
                        inText = !reader.IsEmptyElement;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "t":
                        inText = false;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "si":
                        list.Add(text.ToString());
                        break;
                    case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA when inText:
                        AppendCapped(reader, text, path, "shared strings");
                        break;
                }
            }
        }
        catch (InputTooLargeException e)
        {
            throw new ListFormatException(path, "shared strings", $"{e.Message} of shared strings; no real list holds that, so the file is refused", e);
        }
        return list;
    }

    /// <summary>Appends a text node in chunks, refusing it past <see cref="ReadLimits.CellChars"/>: a cell is a
    /// name or a remark, and a 400 MB one would take gigabytes to hold.</summary>
    private static void AppendCapped(XmlReader reader, StringBuilder text, string path, string where)
    {
        var chunk = new char[4096];
        int n;
        while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + n > ReadLimits.CellChars)
                throw new ListFormatException(path, where, $"a cell text longer than {ReadLimits.CellChars:N0} characters; no real list holds that, so the file is refused");
            text.Append(chunk, 0, n);
        }
    }

    /// <summary>Refuses a workbook whose parts inflate beyond what a list needs, from the sizes its ZIP directory
    /// states, before any of it is read (the streams are bounded as well, for a directory that lies).</summary>
    private static void CheckPartSizes(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
                if (entry.Length > ReadLimits.PartBytes)
                    throw new ListFormatException(path, entry.FullName, $"inflates to {entry.Length:N0} bytes, above the {ReadLimits.PartBytes:N0}-byte limit for one part of a list workbook; refused");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            throw new ListFormatException(path, null, $"not a readable xlsx workbook: {e.Message}", e);
        }
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
