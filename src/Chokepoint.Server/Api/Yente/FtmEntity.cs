using System.Globalization;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Server.Api.Yente;

/// <summary>
/// A listed entry in the FollowTheMoney shape yente answers with: id, caption, schema, properties (every value a list
/// of strings, or of nested entities), datasets, referents, target. What the publisher stated is all there: names by
/// strength, birth dates and places, nationality and countries, identifiers by kind, addresses, programmes, notes.
/// </summary>
public static class FtmEntity
{
    /// <summary>Our entry kinds as FollowTheMoney schemata, and back (yente clients send Company, LegalEntity ...).</summary>
    public static string Schema(EntityKind kind) => kind switch
    {
        EntityKind.Person => "Person",
        EntityKind.Organization => "Organization",
        EntityKind.Vessel => "Vessel",
        EntityKind.Aircraft => "Airplane",
        _ => "LegalEntity",
    };

    /// <summary>The schemata a query may name, with the kind screened for (null: any kind).</summary>
    public static readonly IReadOnlyDictionary<string, EntityKind?> QuerySchemata = new Dictionary<string, EntityKind?>(StringComparer.Ordinal)
    {
        ["Thing"] = null, ["LegalEntity"] = null, ["Person"] = EntityKind.Person, ["Organization"] = EntityKind.Organization,
        ["Company"] = EntityKind.Organization, ["PublicBody"] = EntityKind.Organization, ["Vessel"] = EntityKind.Vessel, ["Airplane"] = EntityKind.Aircraft,
    };

    /// <summary>FollowTheMoney topics: an entry of a sanctions list is "sanction", of an export-control list "export.control".</summary>
    public static IReadOnlyList<string> Topics(string dataset) =>
        [.. new[] { ("sanctions", "sanction"), ("export-controls", "export.control") }
            .Where(c => ListCollections.All.TryGetValue(c.Item1, out var members) && members.Contains(dataset)).Select(c => c.Item2)];

    public static string Id(string dataset, string sourceId) => $"{dataset}:{sourceId}";

    /// <summary>The entry as yente's EntityResponse (a dictionary, so that a match can add its score beside).</summary>
    public static Dictionary<string, object?> Of(string dataset, ListedEntity e, DateOnly? published, bool nested)
    {
        var id = Id(dataset, e.SourceId);
        var p = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        void Add(string property, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            if (!p.TryGetValue(property, out var values)) p[property] = values = [];
            if (!values.Contains(value)) values.Add(value);
        }
        foreach (var n in e.Names)
            Add(n.Type switch
            {
                NameType.Primary => "name",
                NameType.WeakAlias => "weakAlias",
                NameType.FormerName => "previousName",
                _ => "alias",
            }, n.Value);
        foreach (var d in e.BirthDates) Add(e.Kind == EntityKind.Person ? "birthDate" : "incorporationDate", d.Text);
        foreach (var place in e.BirthPlaces) Add("birthPlace", place);
        foreach (var c in e.Nationalities) Add(e.Kind == EntityKind.Person ? "nationality" : "jurisdiction", c.ToLowerInvariant());
        foreach (var c in e.Countries) Add("country", c.ToLowerInvariant());
        foreach (var i in e.Identifiers) Add(IdentifierProperty(i.Type), i.Value);
        foreach (var a in e.Addresses) Add("address", a.Text);
        foreach (var programme in e.Programmes) Add("programId", programme);
        foreach (var topic in Topics(dataset)) Add("topics", topic);
        Add("notes", e.Remarks);
        if (e.ListedOn is { } listed) Add("createdAt", listed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (nested)
        {
            // The adjacent entities yente nests: the sanction itself, each address, each identification document.
            Add("sanctions", Nested($"{id}-sanction", "Sanction", e.SourceList, new()
            {
                ["program"] = [.. e.Programmes], ["authority"] = [e.SourceList], ["sourceUrl"] = [],
                ["listingDate"] = e.ListedOn is { } on ? [on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] : [],
                ["entity"] = [id],
            }, dataset));
            for (var a = 0; a < e.Addresses.Count; a++)
            {
                var address = e.Addresses[a];
                Add("addressEntity", Nested($"{id}-address-{a + 1}", "Address", address.Text, new()
                {
                    ["full"] = [address.Text], ["street"] = Optional(address.Street), ["city"] = Optional(address.City),
                    ["region"] = Optional(address.Region), ["postalCode"] = Optional(address.PostalCode), ["country"] = Optional(address.Country?.ToLowerInvariant()),
                }, dataset));
            }
            for (var i = 0; i < e.Identifiers.Count; i++)
            {
                var document = e.Identifiers[i];
                Add("identification", Nested($"{id}-id-{i + 1}", IdentifierProperty(document.Type) == "passportNumber" ? "Passport" : "Identification", document.Value, new()
                {
                    ["number"] = [document.Value], ["type"] = [document.Type], ["country"] = Optional(document.Country?.ToLowerInvariant()),
                    ["summary"] = Optional(document.Note), ["holder"] = [id],
                }, dataset));
            }
        }
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["caption"] = e.PrimaryName,
            ["schema"] = Schema(e.Kind),
            ["properties"] = p,
            ["datasets"] = new[] { dataset },
            ["referents"] = Array.Empty<string>(),
            ["target"] = true,
            // The day the serving snapshot was published: the entry was on the list then. When it first appeared or
            // last changed is not kept per entry.
            ["first_seen"] = null,
            ["last_seen"] = published?.ToString("yyyy-MM-dd'T00:00:00'", CultureInfo.InvariantCulture),
            ["last_change"] = null,
        };
    }

    private static List<string> Optional(string? value) => value is { Length: > 0 } ? [value] : [];

    private static object Nested(string id, string schema, string caption, Dictionary<string, List<string>> properties, string dataset) => new
    {
        id,
        caption,
        schema,
        properties = properties.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value),
        datasets = new[] { dataset },
        referents = Array.Empty<string>(),
        target = false,
    };

    /// <summary>The FollowTheMoney property an identifier of this kind belongs under.</summary>
    public static string IdentifierProperty(string type)
    {
        var t = type.ToLowerInvariant();
        return t.Contains("passport", StringComparison.Ordinal) ? "passportNumber"
            : t.Contains("imo", StringComparison.Ordinal) ? "imoNumber"
            : t.Contains("swift", StringComparison.Ordinal) || t.Contains("bic", StringComparison.Ordinal) ? "swiftBic"
            : t.Contains("tax", StringComparison.Ordinal) || t.Contains("inn", StringComparison.Ordinal) || t.Contains("vat", StringComparison.Ordinal) ? "taxNumber"
            : t.Contains("regist", StringComparison.Ordinal) || t.Contains("ogrn", StringComparison.Ordinal) ? "registrationNumber"
            : "idNumber";
    }
}
