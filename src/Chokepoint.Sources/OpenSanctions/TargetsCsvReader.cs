using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.OpenSanctions;

/// <summary>
/// OpenSanctions targets.simple.csv: one row per sanctioned party with ";"-joined multi-valued cells (aliases,
/// countries as lower-case ISO codes, identifiers such as "IMO9253325", program_ids).
/// </summary>
public sealed class TargetsCsvReader : IListReader
{
    private static readonly string[] Required = ["id", "schema", "name"];

    public string Format => "os-targets-csv";
    public string Description => "OpenSanctions targets.simple.csv";
    public string? Restriction => OpenSanctionsTerms.Restriction;

    public bool Recognises(ListProbe probe) =>
        probe.FirstLine.Replace("\"", "", StringComparison.Ordinal).StartsWith("id,schema,name,aliases", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => [];

    // OpenSanctions names a dataset by its folder: any "opensanctions-NAME" (FtmKinds.Dataset).
    public string DatasetFor(ListInput input) => FtmKinds.Dataset(input.MainFile);

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        foreach (var r in CsvTable.Read(input.MainFile, TextSources.StrictUtf8, Required))
        {
            ct.ThrowIfCancellationRequested();
            var id = r["id"] ?? throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), "the id cell is empty");
            var schema = r["schema"];
            var kind = FtmKinds.Of(schema) ?? EntityKind.Other;
            var b = new EntityBuilder(id, r["dataset"] ?? DatasetFor(input), kind);
            b.Name(r["name"], NameType.Primary);
            foreach (var a in r.Split("aliases", ";")) b.Name(a, Scripts.IsLatin(a) ? NameType.Alias : NameType.OriginalScript);
            foreach (var d in r.Split("birth_date", ";")) b.BirthDate(d);
            foreach (var c in r.Split("countries", ";")) b.Country(c);
            foreach (var a in r.Split("addresses", ";")) b.Address(new Address(a));
            foreach (var i in r.Split("identifiers", ";")) b.Id(IdType(i), i);
            foreach (var p in r.Split("program_ids", ";")) b.Programme(p);
            foreach (var s in r.Split("sanctions", ";")) b.Attribute("sanction", s.Trim('"'));
            foreach (var p in r.Split("phones", ";")) b.Attribute("phone", p);
            foreach (var m in r.Split("emails", ";")) b.Attribute("email", m);
            b.Attribute("schema", schema);
            b.Attribute("firstSeen", r["first_seen"]);
            b.Attribute("lastChange", r["last_change"]);
            if (!b.HasNames) throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), $"row {id} has no name");
            yield return b.Build();
        }
    }

    /// <summary>The CSV drops identifier types; IMO numbers keep their "IMO" prefix, the rest stay untyped.</summary>
    private static string IdType(string value) => value.StartsWith("IMO", StringComparison.Ordinal) ? "IMO" : "Identifier";
}
