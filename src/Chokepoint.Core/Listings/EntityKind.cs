namespace Chokepoint.Core.Listings;

/// <summary>What a listed party is. Publishers name these differently ("individual", "Entity", "Ship", "LegalEntity");
/// every reader maps to this one set so that a person is never scored as a company.</summary>
public enum EntityKind
{
    Person,
    Organization,
    Vessel,
    Aircraft,
    Other,
}
