using System.Globalization;
using System.Xml.Linq;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.EuFsf;

/// <summary>
/// The EU Financial Sanctions Files XML, schema 1.1 (namespace http://eu.europa.ec/fpi/fsd/export): export
/// generationDate, then sanctionEntity elements whose facts are attributes (nameAlias wholeName, birthdate circa and
/// yearRangeFrom/To, identification number ...), each with regulationSummary children. The EU marks no primary name:
/// the first name alias is taken as primary; strong="false" aliases are weak.
/// </summary>
public sealed class EuFsfReader : IListReader
{
    private const string ListName = "EU Consolidated Financial Sanctions List";
    private const string Unknown = "00";
    private static readonly IReadOnlySet<string> Records = new HashSet<string> { "sanctionEntity" };

    public string Format => "eu-fsf";
    public string Description => "EU Financial Sanctions Files XML 1.1 (xmlFullSanctionsList_1_1)";

    public bool Recognises(ListProbe probe) =>
        !probe.IsZip && probe.RootElement == "export" && probe.HeadText.Contains("fpi/fsd/export", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => ["eu-fsf"];

    public string DatasetFor(ListInput input) => "eu-fsf";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        foreach (var e in XmlRecords.ReadDated(input.MainFile, Records, "generationDate", report, ct))
            yield return Entity(e, input.MainFile);
    }

    private static ListedEntity Entity(XElement e, string file)
    {
        var id = e.Attr("logicalId") ?? throw new ListFormatException(file, e.Where(), "a sanctionEntity has no logicalId");
        var b = new EntityBuilder(id, ListName, e.One("subjectType")?.Attr("code") switch
        {
            "person" => EntityKind.Person,
            "enterprise" => EntityKind.Organization,
            _ => EntityKind.Other,
        });
        var first = true;
        foreach (var n in e.All("nameAlias"))
        {
            var whole = n.Attr("wholeName") ?? string.Join(' ', new[] { n.Attr("firstName"), n.Attr("middleName"), n.Attr("lastName") }.OfType<string>());
            var type = !Scripts.IsLatin(whole) ? NameType.OriginalScript
                : first ? NameType.Primary
                : n.Attr("strong") == "false" ? NameType.WeakAlias : NameType.Alias;
            b.Name(whole, type, n.Attr("nameLanguage"));
            if (type != NameType.OriginalScript) first = false;
            b.Attribute("function", n.Attr("function"));
            b.Attribute("title", n.Attr("title"));
            b.Attribute("gender", n.Attr("gender"));
        }
        b.Attribute("euReferenceNumber", e.Attr("euReferenceNumber"));
        b.Attribute("unitedNationId", e.Attr("unitedNationId"));
        b.Attribute("designationDetails", e.Attr("designationDetails"));
        if (DateOnly.TryParseExact(e.Attr("designationDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var designated)) b.ListedOn = designated;
        foreach (var r in e.All("remark")) b.Remark(r.Value);
        foreach (var r in e.All("regulation"))
        {
            b.Programme(r.Attr("programme"));
            b.Attribute("regulation", r.Attr("numberTitle"));
        }
        foreach (var c in e.All("citizenship")) b.Nationality(Country(c));
        foreach (var d in e.All("birthdate"))
        {
            b.BirthDate(BirthDateOf(d));
            b.BirthPlace(string.Join(", ", new[] { d.Attr("city"), d.Attr("place"), d.Attr("region"), Country(d) }.OfType<string>().Where(s => s != "-")));
        }
        foreach (var a in e.All("address"))
        {
            var street = string.Join(", ", new[] { a.Attr("street"), a.Attr("poBox") is { } po ? $"PO Box {po}" : null, a.Attr("place") }.OfType<string>());
            b.Address(Address.FromParts(street, a.Attr("city"), a.Attr("region"), a.Attr("zipCode"), Country(a)));
            b.Country(Country(a));
            foreach (var contact in a.All("contactInfo")) b.Attribute(contact.Attr("key") ?? "contact", contact.Attr("value"));
        }
        foreach (var i in e.All("identification"))
        {
            var note = string.Join("; ", new[]
            {
                i.Attr("latinNumber") is { } latin ? $"latin number {latin}" : null,
                i.Attr("issuedBy") is { } by ? $"issued by {by}" : null,
                i.Attr("knownFalse") == "true" ? "known false" : null,
                i.Attr("knownExpired") == "true" ? "known expired" : null,
            }.OfType<string>());
            b.Id(i.Attr("identificationTypeDescription") ?? i.Attr("identificationTypeCode"), i.Attr("number"), Country(i), note);
        }
        if (!b.HasNames) throw new ListFormatException(file, e.Where(), $"sanctionEntity {id} has no name");
        return b.Build();
    }

    private static string? Country(XElement e) => e.Attr("countryIso2Code") is { } code && code != Unknown ? code : null;

    private static BirthDate? BirthDateOf(XElement d)
    {
        var circa = d.Attr("circa") == "true";
        if (d.Attr("birthdate") is { } exact) return BirthDate.Parse(exact) is { } p ? p with { Circa = circa } : null;
        if (d.Attr("yearRangeFrom") is { } from && d.Attr("yearRangeTo") is { } to) return BirthDate.Parse($"{from} to {to}") is { } r ? r with { Circa = circa } : null;
        if (d.Attr("year") is { } year)
        {
            var text = int.TryParse(d.Attr("monthOfYear"), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
                ? $"{year}-{month:D2}"
                : year;
            return BirthDate.Parse(text) is { } y ? y with { Circa = circa } : null;
        }
        return null;
    }
}
