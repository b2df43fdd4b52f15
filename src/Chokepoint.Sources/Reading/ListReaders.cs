using Chokepoint.Core.Reading;
using Chokepoint.Sources.CanadaSema;
using Chokepoint.Sources.China;
using Chokepoint.Sources.EuFsf;
using Chokepoint.Sources.Ofac;
using Chokepoint.Sources.OpenSanctions;
using Chokepoint.Sources.UkOfsi;
using Chokepoint.Sources.Un;
using Chokepoint.Sources.UsCsl;

namespace Chokepoint.Sources.Reading;

/// <summary>Every format Chokepoint reads: one registration line each.</summary>
public static class ListReaders
{
    public static IReadOnlyList<IListReader> All { get; } =
    [
        new OfacCsvReader(),
        new OfacXmlReader(),
        new OfacEnhancedReader(),
        new UsCslReader(),
        new UnXmlReader(),
        new OfsiReader(),
        new EuFsfReader(),
        new FtmReader(),
        new TargetsCsvReader(),
        new SemaReader(),
        new MofcomCsvReader(),
    ];

    public static IReadOnlyList<string> Formats => All.Select(r => r.Format).ToList();

    public static IListReader ByFormat(string format) =>
        All.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown format '{format}'. Known formats: {string.Join(", ", Formats)}.", nameof(format));

    /// <summary>Finds the reader for a file from its content; throws with a plain explanation when none fits.</summary>
    public static IListReader Detect(string path)
    {
        var probe = ListProbe.Of(path);
        if (probe.Head.Length == 0) throw new ListFormatException(path, null, "the file is empty");
        if (probe.LooksLikeHtml) throw new ListFormatException(path, null, "this is an HTML page, not a list file (an error or login page served instead of the download?)");
        var matches = All.Where(r => r.Recognises(probe)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ListFormatException(path, null, $"not a list format Chokepoint knows (tried {string.Join(", ", Formats)}); name one with --format"),
            _ => throw new ListFormatException(path, null, $"could be any of {string.Join(", ", matches.Select(m => m.Format))}; name one with --format"),
        };
    }
}
