using Chokepoint.Core.Listings;

namespace Chokepoint.Sources.Reading;

/// <summary>The words US, UK and OFAC-style files use for the kind of a party ("Individual", "Entity", "Ship" ...).</summary>
public static class KindWords
{
    public static EntityKind Of(string? word) => word?.Trim().ToUpperInvariant() switch
    {
        "INDIVIDUAL" => EntityKind.Person,
        "ENTITY" => EntityKind.Organization,
        "VESSEL" or "SHIP" => EntityKind.Vessel,
        "AIRCRAFT" => EntityKind.Aircraft,
        _ => EntityKind.Other,
    };
}
