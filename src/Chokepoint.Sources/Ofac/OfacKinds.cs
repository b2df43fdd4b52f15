using Chokepoint.Core.Listings;

namespace Chokepoint.Sources.Ofac;

/// <summary>OFAC's SDN type column: "individual", "vessel", "aircraft", and "-0-" (no value) for entities.</summary>
internal static class OfacKinds
{
    public static EntityKind From(string? sdnType) => sdnType?.Trim().ToLowerInvariant() switch
    {
        "individual" => EntityKind.Person,
        "vessel" => EntityKind.Vessel,
        "aircraft" => EntityKind.Aircraft,
        null or "" or "-0-" or "entity" => EntityKind.Organization,
        _ => EntityKind.Other,
    };

    /// <summary>Programmes as "SDGT] [IRGC": split on the brackets.</summary>
    public static IEnumerable<string> Programmes(string? field) =>
        (field ?? "").Split("] [", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Trim('[', ']', ' '));

    public static readonly IReadOnlyList<string> Datasets = ["us-ofac-sdn", "us-ofac-cons"];

    public static string Dataset(string fileName) =>
        fileName.Contains("cons", StringComparison.OrdinalIgnoreCase) ? "us-ofac-cons" : "us-ofac-sdn";

    public static string ListName(string dataset) => dataset == "us-ofac-cons" ? "OFAC Consolidated (non-SDN)" : "OFAC SDN";
}
