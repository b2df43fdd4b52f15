using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Ofac;

/// <summary>
/// OFAC's Enhanced XML (SDN_ENHANCED.ZIP / CONS_ENHANCED.ZIP, or the XML inside): publicationInfo/dataAsOf, then
/// entities with typed names and translations (original scripts), identity documents, address parts and "features"
/// (birth date with its range, nationality, SWIFT/BIC, vessel data ...).
/// </summary>
public sealed class OfacEnhancedReader : IListReader
{
    /// <summary>The largest XML accepted inside the ZIP; the real SDN file is about 100 MB.</summary>
    public const long MaxUncompressedBytes = 2L << 30;

    private const string Umbrella = "Consolidated List";
    private static readonly IReadOnlySet<string> Records = new HashSet<string> { "publicationInfo", "entity" };

    public string Format => "ofac-enhanced";
    public string Description => "OFAC Enhanced XML (SDN_ENHANCED.ZIP, CONS_ENHANCED.ZIP or the XML inside)";

    public bool Recognises(ListProbe probe) =>
        probe.IsZip
            ? probe.ZipEntries.Any(e => e.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && e.Contains("ENHANCED", StringComparison.OrdinalIgnoreCase))
            : probe.RootElement == "sanctionsData";

    public IReadOnlyList<string> Datasets => OfacKinds.Datasets;

    public string DatasetFor(ListInput input) => OfacKinds.Dataset(Path.GetFileName(input.MainFile));

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var file = input.MainFile;
        using var stream = Open(file, out var inner);
        var display = inner is null ? file : $"{file}!{inner}";
        foreach (var e in XmlRecords.Read(stream, display, Records))
        {
            ct.ThrowIfCancellationRequested();
            if (e.Name.LocalName == "publicationInfo")
            {
                if (DateTime.TryParse(e.Val("dataAsOf"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
                    report.Published = DateOnly.FromDateTime(asOf);
            }
            else if (e.Name.LocalName == "entity")
            {
                yield return Entity(e, display, DatasetFor(input));
            }
        }
    }

    private static Stream Open(string file, out string? inner)
    {
        var stream = File.OpenRead(file);
        var head = new byte[2];
        var read = stream.Read(head);
        stream.Position = 0;
        inner = null;
        if (read < 2 || head[0] != 'P' || head[1] != 'K') return stream;
        try
        {
            var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                ?? throw new ListFormatException(file, null, "the ZIP holds no XML file");
            if (entry.Length > MaxUncompressedBytes)
                throw new ListFormatException(file, entry.FullName, $"unpacks to {entry.Length:N0} bytes, above the {MaxUncompressedBytes:N0}-byte limit");
            inner = entry.FullName;
            return new ZipOwnedStream(zip, entry.Open());
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new ListFormatException(file, null, $"damaged ZIP archive: {e.Message}", e);
        }
    }

    private static ListedEntity Entity(XElement e, string file, string dataset)
    {
        var id = e.Attr("id") ?? throw new ListFormatException(file, e.Where(), "an entity has no id");
        var info = e.One("generalInfo");
        var lists = e.Path("sanctionsLists", "sanctionsList").Select(l => Cells.Clean(l.Value)).OfType<string>().ToList();
        var list = lists.FirstOrDefault(l => l != Umbrella) ?? OfacKinds.ListName(dataset);
        var b = new EntityBuilder(id, list, KindWords.Of(info?.Val("entityType")));
        foreach (var name in e.Path("names", "name"))
        {
            var type = name.Val("isPrimary") == "true" ? NameType.Primary
                : name.Val("isLowQuality") == "true" ? NameType.WeakAlias
                : name.Val("aliasType") == "F.K.A." ? NameType.FormerName : NameType.Alias;
            foreach (var t in name.Path("translations", "translation"))
            {
                var script = t.Val("script");
                var latin = script is null or "Latin";
                b.Name(t.Val("formattedFullName"), latin ? type : NameType.OriginalScript, latin ? null : script);
            }
        }
        b.Remark(info?.Val("remarks"));
        foreach (var p in e.Path("sanctionsPrograms", "sanctionsProgram")) b.Programme(Cells.Clean(p.Value));
        foreach (var l in e.Path("legalAuthorities", "legalAuthority")) b.Attribute("legalAuthority", l.Value);
        foreach (var d in e.Path("identityDocuments", "identityDocument"))
            b.Id(d.Val("type"), d.Val("documentNumber"), d.Val("issuingCountry"), d.Val("isValid") == "false" ? "not valid" : null);
        foreach (var a in e.Path("addresses", "address"))
        {
            var parts = a.Path("translations", "translation").FirstOrDefault()?.Path("addressParts", "addressPart")
                .Select(p => (Type: p.Val("type"), Value: p.Val("value"))).ToList() ?? [];
            string? Part(string t) => string.Join(", ", parts.Where(p => p.Type == t && p.Value is not null).Select(p => p.Value)) is { Length: > 0 } s ? s : null;
            var country = a.Val("country");
            b.Address(Address.FromParts(string.Join(", ", new[] { Part("ADDRESS1"), Part("ADDRESS2"), Part("ADDRESS3") }.OfType<string>()),
                Part("CITY"), Part("STATE/PROVINCE") ?? Part("REGION"), Part("POSTAL CODE"), country));
            b.Country(country);
        }
        foreach (var f in e.Path("features", "feature")) Feature(f, b);
        foreach (var r in e.Path("relationships", "relationship"))
            b.Attribute("linkedTo", $"{r.Val("type")}: {r.Val("relatedEntity")}");
        if (!b.HasNames) throw new ListFormatException(file, e.Where(), $"entity {id} has no name");
        return b.Build();
    }

    private static void Feature(XElement f, EntityBuilder b)
    {
        var type = f.Val("type") ?? "";
        var value = f.Val("value");
        switch (type)
        {
            case "Birthdate":
                b.BirthDate(BirthDateOf(f, value));
                break;
            case "Place of Birth":
                b.BirthPlace(value);
                break;
            case "Nationality Country" or "Citizenship Country":
                b.Nationality(value);
                break;
            case "Nationality of Registration":
                b.Country(value);
                break;
            case "SWIFT/BIC" or "ISIN" or "Equity Ticker" or "BIK (RU)" or "MMSI" or "Vessel Registration Identification"
                or "Aircraft Tail Number" or "Aircraft Manufacturer's Serial Number (MSN)":
                b.Id(type, value);
                break;
            case "Gender":
                b.Attribute("gender", value);
                break;
            default:
                if (type.StartsWith("Digital Currency Address", StringComparison.Ordinal)) b.Id(type, value);
                else b.Attribute(type.TrimEnd(':', '-', ' '), value);
                break;
        }
    }

    /// <summary>The feature's date range is authoritative; the text "1962" or "circa 1960" is kept beside it.</summary>
    private static BirthDate? BirthDateOf(XElement f, string? text)
    {
        var d = f.One("valueDate");
        if (d is null) return BirthDate.Parse(text);
        var from = ParseDate(d.Val("fromDateBegin"));
        var to = ParseDate(d.Val("toDateEnd")) ?? from;
        var circa = d.Val("isApproximate") == "true";
        if (from is null || to is null || to < from) return BirthDate.Parse(text);
        return new BirthDate(from, to, circa, text ?? from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

}
