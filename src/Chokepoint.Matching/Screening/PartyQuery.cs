using Chokepoint.Core.Listings;

namespace Chokepoint.Matching.Screening;

/// <summary>A party to screen: a name and, where known, what else tells it apart.</summary>
/// <param name="Name">The name as written, in any script.</param>
/// <param name="Kind">Person, organisation, vessel or aircraft; null when not known.</param>
/// <param name="Country">A country code or name (nationality, registration or address).</param>
/// <param name="BirthDate">"1952", "1952-10-07", "circa 1960" ...</param>
/// <param name="Identifier">Any identifying number: passport, registration, tax number, IMO, SWIFT/BIC.</param>
public sealed record PartyQuery(string? Name, EntityKind? Kind = null, string? Country = null, string? BirthDate = null, string? Identifier = null)
{
    /// <summary>Longest name accepted: 1,000 characters is far beyond any real name and keeps a query's cost bounded.</summary>
    public const int MaxNameChars = 1000;
}
