using System.Xml;
using System.Xml.Linq;
using Chokepoint.Core.Reading;

namespace Chokepoint.Sources.Reading;

/// <summary>
/// Streams the record elements of a large XML file one at a time (each as a small XElement), so memory stays flat
/// however long the list. The root element comes first, with its attributes only, because publishers put the
/// generation date there. DTDs are refused (no entity expansion attacks); any XML error becomes a
/// <see cref="ListFormatException"/> with line and column.
/// </summary>
public static class XmlRecords
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>The record elements of a file whose root element carries its publication date in an attribute
    /// (UN dateGenerated, EU generationDate): the date goes into the report, the records are yielded. A root without
    /// the date is refused: the publishers always write it, so its absence means the file is not their publication.</summary>
    public static IEnumerable<XElement> ReadDated(string file, IReadOnlySet<string> recordNames, string dateAttribute, ReadReport report, CancellationToken ct)
    {
        using var stream = File.OpenRead(file);
        var first = true;
        foreach (var e in Read(stream, file, recordNames))
        {
            ct.ThrowIfCancellationRequested();
            if (first && !recordNames.Contains(e.Name.LocalName))
            {
                first = false;
                // The publisher's local date ("2026-08-05T16:47:04+02:00" is 5 August in Brussels).
                if (!DateTimeOffset.TryParse(e.Attr(dateAttribute), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var generated))
                    throw new ListFormatException(file, null, $"the root element <{e.Name.LocalName}> has no valid {dateAttribute} ('{e.Attr(dateAttribute)}'); the publisher always dates its file, so this one is refused");
                report.Published = DateOnly.FromDateTime(generated.DateTime);
                continue;
            }
            yield return e;
        }
    }

    public static IEnumerable<XElement> Read(Stream stream, string file, IReadOnlySet<string> recordNames)
    {
        // A record, or anything between two records, larger than any real one stops the read: a 300 MB text node is
        // refused after 16 MB, not after it filled the memory.
        var bounded = new BoundedStream(stream, long.MaxValue, ReadLimits.RecordBytes);
        var reader = XmlReader.Create(bounded, Settings);
        using var _ = reader;
        var lineInfo = (IXmlLineInfo)reader;
        var rootSeen = false;
        while (true)
        {
            XElement? next;
            try
            {
                next = Advance(reader, recordNames, ref rootSeen, bounded);
            }
            catch (InputTooLargeException e)
            {
                throw new ListFormatException(file, ListFormatException.LineColumn(lineInfo.LineNumber, lineInfo.LinePosition), $"{e.Message} in one place; no real list holds that, so the file is refused", e);
            }
            catch (XmlException e)
            {
                throw new ListFormatException(file, ListFormatException.LineColumn(e.LineNumber, e.LinePosition), $"not well-formed XML: {e.Message}", e);
            }
            catch (System.Text.DecoderFallbackException e)
            {
                throw new ListFormatException(file, ListFormatException.LineColumn(lineInfo.LineNumber, lineInfo.LinePosition), "bytes that are not valid in the declared encoding", e);
            }
            catch (InvalidDataException e)
            {
                // From a compressed stream underneath (a ZIP entry whose data is damaged).
                throw new ListFormatException(file, ListFormatException.LineColumn(lineInfo.LineNumber, lineInfo.LinePosition), $"damaged compressed data: {e.Message}", e);
            }
            if (next is null)
            {
                if (!rootSeen) throw new ListFormatException(file, null, "the file holds no XML element at all");
                yield break;
            }
            yield return next;
        }
    }

    private static XElement? Advance(XmlReader reader, IReadOnlySet<string> recordNames, ref bool rootSeen, BoundedStream bounded)
    {
        while (true)
        {
            if (reader.NodeType == XmlNodeType.Element && rootSeen && recordNames.Contains(reader.LocalName))
            {
                bounded.Mark();
                var line = new RecordLine(((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
                var record = (XElement)XNode.ReadFrom(reader); // leaves the reader on the node after the record
                record.AddAnnotation(line);
                return record;
            }
            if (!reader.Read()) return null;
            if (reader.NodeType != XmlNodeType.Element || rootSeen) continue;
            rootSeen = true;
            var root = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    // Namespace declarations are not data; everything else (dateGenerated, generationDate) is kept by local name.
                    if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns") root.SetAttributeValue(reader.LocalName, reader.Value);
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }
            if (recordNames.Contains(reader.LocalName)) continue;
            return root;
        }
    }
}

/// <summary>Where a record element starts in its file, kept for error messages.</summary>
public sealed record RecordLine(int Line, int Column);
