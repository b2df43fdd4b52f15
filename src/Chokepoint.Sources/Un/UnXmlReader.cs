using System.Globalization;
using System.Xml.Linq;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Un;

/// <summary>
/// The UN Security Council Consolidated List XML (scsanctions.un.org consolidated.xml), indented or on one line:
/// CONSOLIDATED_LIST dateGenerated, then INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records. Alias QUALITY "Low" is
/// a weak alias; birth dates come EXACT, APPROXIMATELY or BETWEEN years.
/// </summary>
public sealed class UnXmlReader : IListReader
{
    private const string ListName = "UN Security Council Consolidated List";
    private static readonly IReadOnlySet<string> Records = new HashSet<string> { "INDIVIDUAL", "ENTITY" };

    public string Format => "un-xml";
    public string Description => "UN Security Council Consolidated List XML";

    public bool Recognises(ListProbe probe) => !probe.IsZip && probe.RootElement == "CONSOLIDATED_LIST";

    public IReadOnlyList<string> Datasets => ["un-sc"];

    public string DatasetFor(ListInput input) => "un-sc";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        foreach (var e in XmlRecords.ReadDated(input.MainFile, Records, "dateGenerated", report, ct))
            yield return Record(e, input.MainFile, e.Name.LocalName == "INDIVIDUAL");
    }

    private static ListedEntity Record(XElement e, string file, bool person)
    {
        var id = e.Val("DATAID") ?? throw new ListFormatException(file, e.Where(), "a record has no DATAID");
        var b = new EntityBuilder(id, ListName, person ? EntityKind.Person : EntityKind.Organization);
        b.Name(string.Join(' ', new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }.Select(e.Val).OfType<string>()), NameType.Primary);
        b.Name(e.Val("NAME_ORIGINAL_SCRIPT"), NameType.OriginalScript);
        foreach (var alias in e.All(person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS"))
        {
            var type = alias.Val("QUALITY") switch
            {
                "Low" => NameType.WeakAlias,
                "f.k.a." => NameType.FormerName,
                _ => NameType.Alias,
            };
            b.Name(alias.Val("ALIAS_NAME"), type);
        }
        b.Programme(e.Val("UN_LIST_TYPE"));
        b.Attribute("referenceNumber", e.Val("REFERENCE_NUMBER"));
        b.Attribute("gender", e.Val("GENDER"));
        b.Attribute("lastUpdated", string.Join("; ", e.Path("LAST_DAY_UPDATED", "VALUE").Select(v => v.Value.Trim())));
        foreach (var v in e.Path("TITLE", "VALUE")) b.Attribute("title", v.Value);
        foreach (var v in e.Path("DESIGNATION", "VALUE")) b.Attribute("designation", v.Value);
        foreach (var v in e.Path("NATIONALITY", "VALUE")) b.Nationality(v.Value);
        if (DateOnly.TryParseExact(e.Val("LISTED_ON"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var listed)) b.ListedOn = listed;
        b.Remark(e.One("COMMENTS1")?.Value);
        foreach (var a in e.All(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS"))
        {
            var address = Address.FromParts(a.Val("STREET"), a.Val("CITY"), a.Val("STATE_PROVINCE"), a.Val("ZIP_CODE"), a.Val("COUNTRY"));
            b.Address(a.Val("NOTE") is { } note && address.Text.Length > 0 ? address with { Text = $"{address.Text} ({note})" } : address);
            b.Country(a.Val("COUNTRY"));
        }
        foreach (var d in e.All("INDIVIDUAL_DATE_OF_BIRTH")) b.BirthDate(BirthDateOf(d));
        foreach (var p in e.All("INDIVIDUAL_PLACE_OF_BIRTH"))
            b.BirthPlace(string.Join(", ", new[] { p.Val("CITY"), p.Val("STATE_PROVINCE"), p.Val("COUNTRY") }.OfType<string>()));
        foreach (var d in e.All("INDIVIDUAL_DOCUMENT"))
        {
            var type = string.Join(" / ", new[] { d.Val("TYPE_OF_DOCUMENT"), d.Val("TYPE_OF_DOCUMENT2") }.OfType<string>());
            var note = string.Join("; ", new[] { d.Val("DATE_OF_ISSUE") is { } i ? $"issued {i}" : null, d.Val("CITY_OF_ISSUE"), d.Val("NOTE") }.OfType<string>());
            b.Id(type.Length == 0 ? null : type, d.Val("NUMBER"), d.Val("ISSUING_COUNTRY") ?? d.Val("COUNTRY_OF_ISSUE"), note);
        }
        if (!b.HasNames) throw new ListFormatException(file, e.Where(), $"record {id} has no name");
        return b.Build();
    }

    private static BirthDate? BirthDateOf(XElement d)
    {
        var circa = d.Val("TYPE_OF_DATE") == "APPROXIMATELY";
        if (d.Val("DATE") is { } date) return BirthDate.Parse(date) is { } p ? p with { Circa = circa } : null;
        if (d.Val("YEAR") is { } year) return BirthDate.Parse(year) is { } p ? p with { Circa = circa } : null;
        if (d.Val("FROM_YEAR") is { } from && d.Val("TO_YEAR") is { } to) return BirthDate.Parse($"{from} to {to}") is { } p ? p with { Circa = circa } : null;
        return null;
    }
}
