using System.Xml.Linq;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.CanadaSema;

/// <summary>
/// Global Affairs Canada's Consolidated Canadian Autonomous Sanctions List (sema-lmes.xml): data-set/record with flat
/// children Country (the regime), LastName/GivenName or Entity, Aliases, DateOfBirth, Title, Schedule, Item.
/// The file has no ids: Country/Schedule/Item is the entry's place in the regulations and is unique.
/// </summary>
public sealed class SemaReader : IListReader
{
    private const string ListName = "Canada Consolidated Autonomous Sanctions List";
    private static readonly IReadOnlySet<string> Records = new HashSet<string> { "record" };

    // Aliases are ", "-joined, but company names hold ", Ltd." too: a piece that is only a legal form joins the one before.
    private static readonly HashSet<string> LegalForms = new(StringComparer.OrdinalIgnoreCase)
    {
        "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LLC", "Co", "Co.", "S.A.", "SA", "JSC", "PJSC", "OJSC", "CJSC", "GmbH", "Corp.", "plc", "L.L.C.",
    };

    public string Format => "ca-sema";
    public string Description => "Canada SEMA consolidated autonomous sanctions list XML (sema-lmes.xml)";

    public bool Recognises(ListProbe probe) => !probe.IsZip && probe.RootElement == "data-set" && probe.HeadText.Contains("<record>", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => ["ca-sema"];

    public string DatasetFor(ListInput input) => "ca-sema";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        using var stream = File.OpenRead(input.MainFile);
        foreach (var e in XmlRecords.Read(stream, input.MainFile, Records))
        {
            ct.ThrowIfCancellationRequested();
            if (e.Name.LocalName == "record") yield return Record(e, input.MainFile);
        }
    }

    private static ListedEntity Record(XElement e, string file)
    {
        var regime = e.Val("Country");
        var item = e.Val("Item") ?? throw new ListFormatException(file, e.Where(), "a record has no Item number");
        var entity = e.Val("Entity");
        var b = new EntityBuilder($"{regime}/{e.Val("Schedule") ?? "-"}/{item}", ListName, entity is null ? EntityKind.Person : EntityKind.Organization);
        b.Name(entity ?? string.Join(' ', new[] { e.Val("GivenName"), e.Val("LastName") }.OfType<string>()), NameType.Primary);
        foreach (var alias in SplitAliases(e.Val("Aliases"))) b.Name(alias, NameType.Alias);
        b.BirthDate(e.Val("DateOfBirth"));
        b.Programme(regime);
        b.Attribute("title", e.Val("Title"));
        b.Attribute("schedule", e.Val("Schedule"));
        b.Attribute("item", item);
        if (!b.HasNames) throw new ListFormatException(file, e.Where(), $"record {b.SourceId} has no name");
        return b.Build();
    }

    internal static IEnumerable<string> SplitAliases(string? aliases)
    {
        var result = new List<string>();
        foreach (var piece in (aliases ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (result.Count > 0 && LegalForms.Contains(piece)) result[^1] += ", " + piece;
            else result.Add(piece);
        }
        return result;
    }
}
