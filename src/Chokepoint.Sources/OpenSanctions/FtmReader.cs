using System.Globalization;
using System.Text.Json;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.OpenSanctions;

/// <summary>
/// OpenSanctions FollowTheMoney JSON lines (entities.ftm.json): one entity per line. Parties (Person, Company,
/// Organization, LegalEntity, Vessel, Airplane) become listed entities; Sanction, Address and Passport records are
/// joined onto the party they name. Two streaming passes: the first gathers those small records, the second builds
/// parties, so memory grows with the joined records, not with the file.
/// </summary>
public sealed class FtmReader : IListReader
{
    /// <summary>Longest accepted line: the largest real entity is a few hundred kB.</summary>
    public const int MaxLineChars = 16 << 20;

    private static readonly HashSet<string> Handled =
    [
        "name", "alias", "weakAlias", "previousName", "birthDate", "birthPlace", "nationality", "citizenship", "country",
        "jurisdiction", "address", "addressEntity", "notes", "programId", "flag",
    ];

    private static readonly Dictionary<string, string> IdProperties = new(StringComparer.Ordinal)
    {
        ["idNumber"] = "ID number", ["passportNumber"] = "Passport", ["innCode"] = "INN", ["ogrnCode"] = "OGRN",
        ["kppCode"] = "KPP", ["okpoCode"] = "OKPO", ["registrationNumber"] = "Registration Number", ["taxNumber"] = "Tax Number",
        ["vatCode"] = "VAT", ["leiCode"] = "LEI", ["swiftBic"] = "SWIFT/BIC", ["imoNumber"] = "IMO", ["mmsi"] = "MMSI",
        ["icaoCode"] = "ICAO", ["uniqueEntityId"] = "Unique Entity ID", ["permId"] = "PermID", ["dunsCode"] = "DUNS",
        ["bikCode"] = "BIK", ["uscCode"] = "USCC", ["cryptoWallet"] = "Crypto wallet",
    };

    public string Format => "ftm";
    public string Description => "OpenSanctions FollowTheMoney JSON lines (entities.ftm.json)";
    public string? Restriction => OpenSanctionsTerms.Restriction;

    public bool Recognises(ListProbe probe) =>
        !probe.IsZip && probe.HeadText.StartsWith('{') && probe.FirstLine.Contains("\"schema\"", StringComparison.Ordinal)
        && probe.FirstLine.Contains("\"properties\"", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => [];

    // OpenSanctions names a dataset by its folder: any "opensanctions-NAME" (FtmKinds.Dataset).
    public string DatasetFor(ListInput input) => FtmKinds.Dataset(input.MainFile);

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var file = input.MainFile;
        var sanctions = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var passports = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var (line, e) in Lines(file, ct))
        {
            var schema = Str(e, "schema");
            var props = e.GetProperty("properties");
            switch (schema)
            {
                case "Sanction":
                    foreach (var target in Values(props, "entity")) Add(sanctions, target, props);
                    break;
                case "Address":
                    if (Values(props, "full").FirstOrDefault() is { } full) addresses[Str(e, "id")!] = full;
                    break;
                case "Passport" or "Identification":
                    foreach (var holder in Values(props, "holder")) Add(passports, holder, props);
                    break;
            }
        }
        foreach (var (line, e) in Lines(file, ct))
        {
            if (FtmKinds.Of(Str(e, "schema")) is not { } kind) continue;
            var id = Str(e, "id") ?? throw new ListFormatException(file, ListFormatException.Line(line), "an entity has no id");
            var datasets = e.TryGetProperty("datasets", out var ds) && ds.ValueKind == JsonValueKind.Array ? ds.EnumerateArray().Select(d => d.GetString()).OfType<string>().ToList() : [];
            var b = new EntityBuilder(id, datasets.FirstOrDefault() ?? DatasetFor(input), kind);
            var props = e.GetProperty("properties");
            b.Name(Str(e, "caption"), NameType.Primary);
            foreach (var n in Values(props, "name")) b.Name(n, Scripts.IsLatin(n) ? NameType.Alias : NameType.OriginalScript);
            foreach (var n in Values(props, "alias")) b.Name(n, Scripts.IsLatin(n) ? NameType.Alias : NameType.OriginalScript);
            foreach (var n in Values(props, "weakAlias")) b.Name(n, NameType.WeakAlias);
            foreach (var n in Values(props, "previousName")) b.Name(n, NameType.FormerName);
            foreach (var d in Values(props, "birthDate")) b.BirthDate(d);
            foreach (var p in Values(props, "birthPlace")) b.BirthPlace(p);
            foreach (var c in Values(props, "nationality").Concat(Values(props, "citizenship"))) b.Nationality(c);
            foreach (var c in Values(props, "country").Concat(Values(props, "jurisdiction")).Concat(Values(props, "flag"))) b.Country(c);
            foreach (var a in Values(props, "address")) b.Address(new Address(a));
            foreach (var a in Values(props, "addressEntity")) if (addresses.TryGetValue(a, out var full)) b.Address(new Address(full));
            foreach (var n in Values(props, "notes")) b.Remark(n);
            foreach (var p in Values(props, "programId")) b.Programme(p);
            foreach (var prop in props.EnumerateObject())
            {
                if (Handled.Contains(prop.Name)) continue;
                foreach (var v in Values(props, prop.Name))
                {
                    if (IdProperties.TryGetValue(prop.Name, out var idType)) b.Id(idType, v);
                    else b.Attribute(prop.Name, v);
                }
            }
            foreach (var s in sanctions.GetValueOrDefault(id, []))
            {
                foreach (var p in Values(s, "programId")) b.Programme(p);
                var listed = Values(s, "listingDate").Concat(Values(s, "startDate")).Select(BirthDate.Parse).Where(d => d is { IsExact: true }).Select(d => d!.From!.Value).DefaultIfEmpty().Min();
                if (listed != default && (b.ListedOn is null || listed < b.ListedOn)) b.ListedOn = listed;
                foreach (var a in Values(s, "authority")) b.Attribute("sanctionAuthority", a);
            }
            foreach (var p in passports.GetValueOrDefault(id, []))
                foreach (var number in Values(p, "number")) b.Id("Passport", number, Values(p, "country").FirstOrDefault());
            b.Attribute("target", e.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.True ? "true" : "false");
            b.Attribute("firstSeen", Str(e, "first_seen"));
            b.Attribute("lastChange", Str(e, "last_change"));
            yield return b.Build();
        }
    }

    private static IEnumerable<(long Line, JsonElement Entity)> Lines(string file, CancellationToken ct)
    {
        using var reader = TextSources.Open(file, TextSources.StrictUtf8);
        long line = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var text = reader.ReadLine();
            if (text is null) yield break;
            line++;
            TextSources.CheckLine(text, file, line, TextSources.StrictUtf8);
            if (text.Length > MaxLineChars) throw new ListFormatException(file, ListFormatException.Line(line), $"a line longer than {MaxLineChars:N0} characters");
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement e;
            try
            {
                using var doc = JsonDocument.Parse(text);
                e = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ListFormatException(file, ListFormatException.Line(line), $"not a JSON object: {ex.Message}", ex);
            }
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("schema", out _) || !e.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
                throw new ListFormatException(file, ListFormatException.Line(line), "not a FollowTheMoney entity (no schema or properties)");
            yield return (line, e);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Cells.Clean(v.GetString()) : null;

    private static IEnumerable<string> Values(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).Where(s => s.Length > 0)
            : v.ValueKind == JsonValueKind.String ? [v.GetString()!] : [];

    private static void Add(Dictionary<string, List<JsonElement>> map, string key, JsonElement value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
