using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.China;

/// <summary>
/// China's party lists as curated by OpenSanctions (datasets/cn/sanctions/sanctions.csv): MOFCOM's export-control
/// control list (管控名单, "List of Export Controls") and watch list (关注名单), the Unreliable Entity List, and MFA
/// countermeasures. Each row keeps its list as the source list, so the decision rules can tell a control-list party
/// (transactions prohibited) from a watch-list one (single licence only). The file has no ids: an entry's id is a hash
/// of its list and name, stable across versions of the file.
/// </summary>
public sealed class MofcomCsvReader : IListReader
{
    private static readonly string[] Required = ["Type", "Name", "Chinese name", "Country", "Topics", "Body", "List", "Date"];

    public string Format => "cn-mofcom-csv";
    public string Description => "China MOFCOM/MFA party lists (OpenSanctions-curated sanctions.csv)";

    public bool Recognises(ListProbe probe) =>
        probe.FirstLine.StartsWith("Type,QID,Name,Alias,Chinese name,Country,Topics", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => ["cn-mofcom"];

    public string DatasetFor(ListInput input) => "cn-mofcom";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(input.MainFile, TextSources.StrictUtf8, Required))
        {
            ct.ThrowIfCancellationRequested();
            var name = r["Name"] ?? r["Chinese name"] ?? throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), "the row has neither a name nor a Chinese name");
            var list = r["List"] ?? r["Body"] ?? "China countermeasures";
            var id = "CN:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(list + "\n" + name)))[..16];
            if (!seen.Add(id)) id += "#" + r.Line.ToString(CultureInfo.InvariantCulture);
            var kind = r["Type"] switch { "Person" => EntityKind.Person, "Company" or "Organization" => EntityKind.Organization, _ => EntityKind.Other };
            var b = new EntityBuilder(id, list, kind);
            b.Name(name, NameType.Primary);
            b.Name(r["Chinese name"], NameType.OriginalScript, "zh");
            foreach (var a in r.Split("Alias", ";")) b.Name(a, Scripts.IsLatin(a) ? NameType.Alias : NameType.OriginalScript);
            b.Country(r["Country"]);
            b.Programme(r["Topics"]);
            b.Attribute("body", r["Body"]);
            b.Attribute("sourceUrl", r["Source URL"]);
            b.Attribute("endDate", r["End date"]);
            if (r["Address"] is { } address) b.Address(new Address(address));
            if (DateOnly.TryParseExact(r["Date"], "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var listed)) b.ListedOn = listed;
            yield return b.Build();
        }
    }
}
