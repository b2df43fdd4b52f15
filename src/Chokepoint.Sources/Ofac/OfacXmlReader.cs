using System.Globalization;
using System.Xml.Linq;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Ofac;

/// <summary>
/// OFAC's classic XML (the sdnList schema of sdn.xml and consolidated.xml): a publshInformation header with
/// Publish_Date (MM/dd/yyyy) and Record_Count, then one sdnEntry per party.
/// </summary>
public sealed class OfacXmlReader : IListReader
{
    private static readonly IReadOnlySet<string> Records = new HashSet<string> { "sdnEntry", "publshInformation" };

    public string Format => "ofac-xml";
    public string Description => "OFAC classic XML (sdn.xml, consolidated.xml; sdnList schema)";

    public bool Recognises(ListProbe probe) => !probe.IsZip && probe.RootElement == "sdnList";

    public IReadOnlyList<string> Datasets => OfacKinds.Datasets;

    public string DatasetFor(ListInput input) => OfacKinds.Dataset(Path.GetFileName(input.MainFile));

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var list = OfacKinds.ListName(DatasetFor(input));
        using var stream = File.OpenRead(input.MainFile);
        foreach (var e in XmlRecords.Read(stream, input.MainFile, Records))
        {
            ct.ThrowIfCancellationRequested();
            switch (e.Name.LocalName)
            {
                case "publshInformation":
                    if (DateOnly.TryParseExact(e.Val("Publish_Date"), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        report.Published = date;
                    if (!int.TryParse(e.Val("Record_Count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                        throw new ListFormatException(input.MainFile, null, $"publshInformation has no valid Record_Count ('{e.Val("Record_Count")}'); OFAC always states it, so the file is refused");
                    report.StatedCount = count;
                    break;
                case "sdnEntry":
                    if (report.StatedCount is null)
                        throw new ListFormatException(input.MainFile, null, "entries come before publshInformation (with Record_Count); OFAC writes it first, so the file is refused");
                    yield return Entry(e, list, input.MainFile);
                    break;
            }
        }
    }

    private static ListedEntity Entry(XElement e, string list, string file)
    {
        var uid = e.Val("uid") ?? throw new ListFormatException(file, e.Where(), "an sdnEntry has no uid");
        var b = new EntityBuilder(uid, list, OfacKinds.From(e.Val("sdnType")));
        b.Name(FullName(e.Val("lastName"), e.Val("firstName")), NameType.Primary);
        foreach (var aka in e.Path("akaList", "aka"))
        {
            var type = aka.Val("category") == "weak" ? NameType.WeakAlias
                : aka.Val("type") == "f.k.a." ? NameType.FormerName : NameType.Alias;
            b.Name(FullName(aka.Val("lastName"), aka.Val("firstName")), type);
        }
        b.Attribute("title", e.Val("title"));
        foreach (var p in e.Path("programList", "program")) b.Programme(Cells.Clean(p.Value));
        foreach (var id in e.Path("idList", "id"))
        {
            var type = id.Val("idType");
            // OFAC lists sanction notes in the id list ("Additional Sanctions Information -"); they are facts, not numbers.
            if (type is not null && (type.EndsWith('-') || type.EndsWith(':')))
                b.Attribute("sanctionsInfo", $"{type} {id.Val("idNumber")}");
            else
                b.Id(type, id.Val("idNumber"), id.Val("idCountry"), Join(id.Val("issueDate") is { } i ? $"issued {i}" : null, id.Val("expirationDate") is { } x ? $"expires {x}" : null));
        }
        foreach (var a in e.Path("addressList", "address"))
        {
            b.Address(Address.FromParts(Join(a.Val("address1"), a.Val("address2"), a.Val("address3")), a.Val("city"), a.Val("stateOrProvince"), a.Val("postalCode"), a.Val("country")));
            b.Country(a.Val("country"));
        }
        foreach (var n in e.Path("nationalityList", "nationality")) b.Nationality(n.Val("country"));
        foreach (var c in e.Path("citizenshipList", "citizenship")) b.Nationality(c.Val("country"));
        foreach (var d in e.Path("dateOfBirthList", "dateOfBirthItem")) b.BirthDate(d.Val("dateOfBirth"));
        foreach (var p in e.Path("placeOfBirthList", "placeOfBirthItem")) b.BirthPlace(p.Val("placeOfBirth"));
        if (e.One("vesselInfo") is { } v)
        {
            b.Attribute("vessel.callSign", v.Val("callSign"));
            b.Attribute("vessel.type", v.Val("vesselType"));
            b.Attribute("vessel.flag", v.Val("vesselFlag"));
            b.Attribute("vessel.owner", v.Val("vesselOwner"));
            b.Attribute("vessel.tonnage", v.Val("tonnage"));
            b.Attribute("vessel.grossRegisteredTonnage", v.Val("grossRegisteredTonnage"));
            b.Country(v.Val("vesselFlag"));
        }
        if (e.Val("remarks") is { } remarks) OfacRemarks.Apply(remarks, b);
        if (!b.HasNames) throw new ListFormatException(file, e.Where(), $"sdnEntry {uid} has no name");
        return b.Build();
    }

    /// <summary>OFAC's own order: "LAST, First" for people, the whole name in lastName for everything else.</summary>
    internal static string? FullName(string? last, string? first) =>
        first is null ? last : last is null ? first : $"{last}, {first}";

    private static string? Join(params string?[] parts)
    {
        var s = string.Join(" ", parts.Where(p => p is not null));
        return s.Length == 0 ? null : s;
    }
}
