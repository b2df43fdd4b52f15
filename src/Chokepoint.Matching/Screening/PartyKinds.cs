using Chokepoint.Core.Listings;

namespace Chokepoint.Matching.Screening;

/// <summary>The words a user or client may give for a party's kind, shared by the CLI, the batch files and the HTTP
/// API (including yente's FollowTheMoney schema names).</summary>
public static class PartyKinds
{
    public static EntityKind? TryParse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "person" or "individual" => EntityKind.Person,
        "organization" or "organisation" or "company" or "legalentity" or "entity" or "publicbody" => EntityKind.Organization,
        "vessel" or "ship" => EntityKind.Vessel,
        "aircraft" or "airplane" => EntityKind.Aircraft,
        _ => null,
    };

    /// <summary>The kind, null for no text, or an <see cref="ArgumentException"/> naming the accepted words.</summary>
    public static EntityKind? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TryParse(text) ?? throw new ArgumentException(Unknown(text));

    public static string Unknown(string text) => $"unknown kind '{text}': use person, organization, vessel or aircraft";
}
