using Chokepoint.Core.Values;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Rules.Shipments;

/// <summary>A shipment that cannot be read or is not valid; the message says where and why.</summary>
public sealed class ShipmentException(string message) : Exception(message);

/// <summary>Reads shipments from JSON strictly: unknown fields, wrong types and missing required fields are errors.</summary>
public static class ShipmentJson
{
    /// <summary>One shipment document is at most 1 MB: far beyond any real one, and a bound on what a request can cost.</summary>
    public const int MaxBytes = 1 << 20;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Shipment Parse(string json)
    {
        if (json.Length > MaxBytes) throw new ShipmentException($"The shipment is {json.Length:N0} characters long; at most {MaxBytes:N0} are accepted.");
        try
        {
            var shipment = JsonSerializer.Deserialize<Shipment>(json, Options) ?? throw new ShipmentException("The document is JSON null, not a shipment.");
            ShipmentValidator.ThrowIfInvalid(shipment);
            return shipment;
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } p ? $" at {p}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new ShipmentException($"Not a valid shipment{where}{line}: {Plain(e.Message)}");
        }
    }

    /// <summary>The reader's message without its own path suffix, which <see cref="Parse"/> states more plainly.</summary>
    private static string Plain(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>Checks what JSON types cannot: codes, shares, counts and lengths.</summary>
public static class ShipmentValidator
{
    public const int MaxItems = 500, MaxParties = 100, MaxOwnershipLinks = 1000, MaxText = 1000;

    public static readonly string[] Roles = ["seller", "consignee", "endUser", "intermediary", "forwarder", "payer"];

    public static void ThrowIfInvalid(Shipment s)
    {
        var errors = Validate(s);
        if (errors.Count > 0) throw new ShipmentException("The shipment is not valid: " + string.Join("; ", errors) + ".");
    }

    public static IReadOnlyList<string> Validate(Shipment s)
    {
        var e = new List<string>();
        Country(e, "exporter.country", s.Exporter.Country, required: true);
        Text(e, "exporter.name", s.Exporter.Name, required: true);
        if (s.Items.Count == 0) e.Add("items: at least one item is required");
        if (s.Items.Count > MaxItems) e.Add($"items: {s.Items.Count} items, at most {MaxItems}");
        if (s.Parties.Count > MaxParties) e.Add($"parties: {s.Parties.Count} parties, at most {MaxParties}");
        if (!s.Parties.Any(p => p.Roles.Contains("consignee"))) e.Add("parties: no party has the role consignee");
        for (var i = 0; i < Math.Min(s.Items.Count, MaxItems); i++)
        {
            var it = s.Items[i];
            var at = $"items[{i}]";
            Text(e, at + ".description", it.Description, required: true);
            if (!HsCode.TryParse(it.HsCode, out var hs) || hs.Subheading is null) e.Add($"{at}.hsCode: '{Clip(it.HsCode)}' is not an HS code of 6, 8 or 10 digits");
            if (it.Quantity < 0) e.Add($"{at}.quantity: negative");
            if (it.Value < 0) e.Add($"{at}.value: negative");
            if (it.UsContentShare is < 0 or > 1) e.Add($"{at}.usContentShare: must be between 0 and 1");
            Country(e, at + ".origin", it.Origin, required: false);
            foreach (var (regime, code) in it.ControlCodes)
            {
                if (!Jurisdiction.TryParse(regime, out var j) || j.Code != regime) e.Add($"{at}.controlCodes: unknown regime '{Clip(regime)}' (CN, EU or US)");
                if (!ControlCode.TryParse(code, out _)) e.Add($"{at}.controlCodes.{regime}: '{Clip(code)}' is not a control code (such as 3A001.a.1, X.A.I.001.a or EAR99)");
            }
        }
        for (var i = 0; i < Math.Min(s.Parties.Count, MaxParties); i++)
        {
            var p = s.Parties[i];
            var at = $"parties[{i}]";
            Text(e, at + ".name", p.Name, required: true);
            Country(e, at + ".country", p.Country, required: false);
            foreach (var r in p.Roles.Where(r => !Roles.Contains(r))) e.Add($"{at}.roles: unknown role '{Clip(r)}' ({string.Join(", ", Roles)})");
            if (p.Kind is { } k && k is not ("person" or "organization")) e.Add($"{at}.kind: '{Clip(k)}' is not person or organization");
            if (p.Incorporated is { } inc && PartyFacts.Incorporated(inc) is null) e.Add($"{at}.incorporated: '{Clip(inc)}' is not a date (yyyy, yyyy-MM or yyyy-MM-dd)");
            foreach (var t in new[] { p.Website, p.Email, p.Phone, p.Address, p.BusinessType, p.Identifier }) Text(e, at, t, required: false);
        }
        foreach (var c in s.Route) Country(e, "route", c, required: true);
        Country(e, "destination", s.Destination, required: false);
        Text(e, "endUse", s.EndUse, required: false);
        if (s.Ownership is { Count: > MaxOwnershipLinks }) e.Add($"ownership: at most {MaxOwnershipLinks} links");
        foreach (var o in s.Ownership ?? [])
            if (o.Share is <= 0 or > 1) e.Add($"ownership: share {o.Share} of '{Clip(o.Owned)}' held by '{Clip(o.Owner)}' must be above 0 and at most 1");
        foreach (var n in s.Notifications.Where(n => !Jurisdiction.TryParse(n.Jurisdiction, out var j) || j.Code != n.Jurisdiction)) e.Add($"notifications: unknown jurisdiction '{Clip(n.Jurisdiction)}'");
        return e;
    }

    private static void Country(List<string> e, string at, string? code, bool required)
    {
        if (code is null) { if (required) e.Add($"{at}: required"); return; }
        if (!CountryCode.TryParse(code, out var c) || c.Value != code)
            e.Add($"{at}: '{Clip(code)}' is not an ISO 3166-1 alpha-2 country code such as DE or KZ (upper case)");
    }

    private static void Text(List<string> e, string at, string? text, bool required, int max = MaxText)
    {
        if (string.IsNullOrWhiteSpace(text)) { if (required) e.Add($"{at}: required"); return; }
        if (text.Length > max) e.Add($"{at}: {text.Length:N0} characters, at most {max:N0}");
        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))) e.Add($"{at}: contains control characters");
    }

    private static string Clip(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";
}
