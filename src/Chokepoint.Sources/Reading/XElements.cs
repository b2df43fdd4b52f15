using System.Xml.Linq;
using Chokepoint.Core.Reading;

namespace Chokepoint.Sources.Reading;

/// <summary>Namespace-agnostic access by local name: publishers change namespaces between versions, not element names.</summary>
public static class XElements
{
    public static IEnumerable<XElement> All(this XElement e, string localName) => e.Elements().Where(c => c.Name.LocalName == localName);

    public static XElement? One(this XElement e, string localName) => e.Elements().FirstOrDefault(c => c.Name.LocalName == localName);

    /// <summary>Trimmed text of the first child with that name; null when absent or blank.</summary>
    public static string? Val(this XElement e, string localName) => Cells.Clean(e.One(localName)?.Value);

    /// <summary>Trimmed attribute value by local name; null when absent or blank.</summary>
    public static string? Attr(this XElement e, string localName) =>
        Cells.Clean(e.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value);

    /// <summary>Descendants by path of local names: e.Path("akaList", "aka").</summary>
    public static IEnumerable<XElement> Path(this XElement e, params string[] names)
    {
        IEnumerable<XElement> current = [e];
        foreach (var n in names) current = current.SelectMany(c => c.All(n));
        return current;
    }

    /// <summary>"line 12, column 5" for errors about a record, where the reader kept line information.</summary>
    public static string? Where(this XElement e) =>
        e.AncestorsAndSelf().Select(x => x.Annotation<RecordLine>()).FirstOrDefault(a => a is not null) is { } at
            ? ListFormatException.LineColumn(at.Line, at.Column)
            : null;
}
