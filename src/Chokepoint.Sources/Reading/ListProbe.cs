using System.IO.Compression;
using System.Text;

namespace Chokepoint.Sources.Reading;

/// <summary>The first bytes of a file (and, for a ZIP, its entry names): enough for each reader to say whether the file is its format.</summary>
public sealed class ListProbe
{
    private const int HeadBytes = 8192;

    private ListProbe(string path, byte[] head, IReadOnlyList<string> zipEntries)
    {
        Path = path;
        Head = head;
        ZipEntries = zipEntries;
        HeadText = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
    }

    public string Path { get; }
    public string FileName => System.IO.Path.GetFileName(Path);
    public byte[] Head { get; }

    /// <summary>The head decoded leniently as UTF-8, leading BOM and whitespace removed.</summary>
    public string HeadText { get; }

    public IReadOnlyList<string> ZipEntries { get; }
    public bool IsZip => Head.Length >= 4 && Head[0] == 'P' && Head[1] == 'K' && Head[2] == 3 && Head[3] == 4;

    /// <summary>An HTML page where a list was expected: what a publisher's error or login page looks like.</summary>
    public bool LooksLikeHtml =>
        HeadText.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
        || HeadText.StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first XML element name, skipping the declaration, comments and processing instructions.</summary>
    public string? RootElement
    {
        get
        {
            var text = HeadText;
            if (!text.StartsWith('<')) return null; // an XML document opens with markup; prose that quotes a tag is not XML
            var i = 0;
            while ((i = text.IndexOf('<', i)) >= 0 && i + 1 < text.Length)
            {
                var c = text[i + 1];
                if (c is '?' or '!') { i++; continue; }
                var end = text.IndexOfAny([' ', '>', '/', '\r', '\n', '\t'], i + 1);
                if (end < 0) return null;
                var name = text[(i + 1)..end];
                var colon = name.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? name[(colon + 1)..] : name;
            }
            return null;
        }
    }

    public string FirstLine
    {
        get
        {
            var end = HeadText.IndexOfAny(['\r', '\n']);
            return end < 0 ? HeadText : HeadText[..end];
        }
    }

    public static ListProbe Of(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[HeadBytes];
        var read = stream.ReadAtLeast(head, HeadBytes, throwOnEndOfStream: false);
        Array.Resize(ref head, read);
        IReadOnlyList<string> entries = [];
        if (read >= 4 && head[0] == 'P' && head[1] == 'K')
        {
            try
            {
                stream.Position = 0;
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                entries = zip.Entries.Select(e => e.FullName).ToList();
            }
            catch (InvalidDataException)
            {
                entries = [];
            }
        }
        return new ListProbe(path, head, entries);
    }
}
