using System.Globalization;
using System.Text.RegularExpressions;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.UsCsl;

/// <summary>
/// The trade.gov Consolidated Screening List CSV: thirteen US lists in one file, one row per party per list. The
/// same party can be on several lists (row _id repeats: SDN and CAPTA), so an entity's id is the list's short code
/// plus _id ("EL:..." , "SDN:34616") and each list stays distinct. Keeps the Entity List's licence requirement and
/// policy, the Federal Register notice and the start/end dates. Multi-valued cells are "; "-separated.
/// </summary>
public sealed partial class UsCslReader : IListReader
{
    private static readonly string[] Required = ["_id", "source", "name", "type"];

    public string Format => "us-csl";
    public string Description => "US Consolidated Screening List CSV (trade.gov)";

    public bool Recognises(ListProbe probe) => probe.FirstLine.StartsWith("_id,source,", StringComparison.Ordinal);

    public IReadOnlyList<string> Datasets => ["us-csl"];

    public string DatasetFor(ListInput input) => "us-csl";

    public IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(input.MainFile, TextSources.StrictUtf8, Required))
        {
            ct.ThrowIfCancellationRequested();
            var source = r["source"] ?? throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), "the source column is empty");
            var rowId = r["_id"] ?? throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), "the _id column is empty");
            var id = $"{ListCode(source)}:{rowId}";
            // trade.gov repeats a row now and then (CAPTA 15268 in May 2022, differing only in source_list_url):
            // the repeat is kept under a suffixed id, so the count still equals the publisher's rows, and noted.
            if (seen.TryGetValue(id, out var firstLine))
            {
                var repeat = $"{id}#{r.Line}";
                report.Note(ListFormatException.Line(r.Line), $"repeats {id} of line {firstLine}; kept as {repeat}");
                id = repeat;
            }
            else
            {
                seen[id] = r.Line;
            }
            var b = new EntityBuilder(id, source, KindWords.Of(r["type"]));
            b.Name(r["name"], NameType.Primary);
            foreach (var alt in r.Split("alt_names", "; ")) b.Name(alt, NameType.Alias);
            foreach (var p in r.Split("programs", "; ")) b.Programme(p);
            foreach (var a in r.Split("addresses", "; ")) b.Address(AddressOf(a));
            foreach (var c in r.Split("citizenships", "; ")) b.Nationality(c);
            foreach (var c in r.Split("nationalities", "; ")) b.Nationality(c);
            foreach (var d in r.Split("dates_of_birth", "; ")) b.BirthDate(d);
            foreach (var p in r.Split("places_of_birth", "; ")) b.BirthPlace(p);
            foreach (var value in r.Split("ids", "; ")) Identifier(value, b);
            if (DateOnly.TryParseExact(r["start_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)) b.ListedOn = start;
            b.Attribute("entityNumber", r["entity_number"]);
            b.Attribute("title", r["title"]);
            b.Attribute("federalRegisterNotice", r["federal_register_notice"]);
            b.Attribute("startDate", r["start_date"]);
            b.Attribute("endDate", r["end_date"]);
            b.Attribute("standardOrder", r["standard_order"]);
            b.Attribute("licenseRequirement", r["license_requirement"]);
            b.Attribute("licensePolicy", r["license_policy"]);
            b.Attribute("vessel.callSign", r["call_sign"]);
            b.Attribute("vessel.type", r["vessel_type"]);
            b.Attribute("vessel.tonnage", r["gross_tonnage"]);
            b.Attribute("vessel.grossRegisteredTonnage", r["gross_registered_tonnage"]);
            b.Attribute("vessel.flag", r["vessel_flag"]);
            b.Attribute("vessel.owner", r["vessel_owner"]);
            b.Attribute("sourceListUrl", r["source_list_url"]);
            b.Attribute("sourceInformationUrl", r["source_information_url"]);
            b.Remark(r["remarks"]);
            if (!b.HasNames) throw new ListFormatException(input.MainFile, ListFormatException.Line(r.Line), $"row {rowId} has no name");
            yield return b.Build();
        }
    }

    /// <summary>"Entity List (EL) - Bureau of Industry and Security" → "EL"; "Military End User (MEU) List - ..." → "MEU".</summary>
    internal static string ListCode(string source)
    {
        var m = CodePattern().Match(source);
        return m.Success ? m.Groups[1].Value.Replace(" List", "", StringComparison.Ordinal) : source;
    }

    /// <summary>Addresses are "street, city, state, postcode, CC": the trailing two-letter code is the country.</summary>
    private static Address AddressOf(string text)
    {
        var last = text.Split(',').Last().Trim();
        return new Address(text, Country: last.Length == 2 && last.All(char.IsAsciiLetterUpper) ? last : null);
    }

    /// <summary>CSL writes ids as "[country, ][expiry, issue, ]number, type": "CA, BC166787, Passport",
    /// "PK, 2013-09-09, 2008-09-09, 4117921, Passport", "65-0467983, US FEIN". Facts that are not numbers
    /// ("Male, Gender", "Subject to Secondary Sanctions, Additional Sanctions Information -", "www.x.ir, Website") become attributes.</summary>
    private static void Identifier(string text, EntityBuilder b)
    {
        var parts = text.Split(", ").Select(p => p.Trim()).ToList();
        if (parts.Count < 2)
        {
            b.Id(null, text);
            return;
        }
        var type = parts[^1];
        var rest = string.Join(", ", parts.Take(parts.Count - 1));
        if (NotIdentifiers.Contains(type) || type.EndsWith('-') || type.EndsWith(':'))
        {
            b.Attribute(type.TrimEnd(' ', '-', ':'), rest);
            return;
        }
        var hasCountry = parts.Count >= 3 && parts[0].Length == 2 && parts[0].All(char.IsAsciiLetterUpper);
        var middle = parts.Skip(hasCountry ? 1 : 0).Take(parts.Count - (hasCountry ? 3 : 2)).ToList();
        b.Id(type, parts[^2], hasCountry ? parts[0] : null, middle.Count == 0 ? null : string.Join(", ", middle));
    }

    private static readonly HashSet<string> NotIdentifiers =
        ["Gender", "Website", "Target Type", "Email Address", "Phone Number", "Organization Established Date", "Organization Type"];

    [GeneratedRegex(@"\(([^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
