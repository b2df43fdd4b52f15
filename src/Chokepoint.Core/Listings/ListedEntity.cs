using System.Text.Json.Serialization;

namespace Chokepoint.Core.Listings;

/// <summary>
/// One party on a sanctions or export-restriction list, in the shape every reader produces.
/// It keeps what the publisher said (names with their strength, identifiers, dates as written, remarks), so a
/// reviewer can check a hit against the source without opening the file.
/// </summary>
public sealed record ListedEntity
{
    /// <summary>The publisher's own id (OFAC ent_num, UN DATAID, OFSI Group ID, EU logicalId ...). Unique within a snapshot.</summary>
    public required string SourceId { get; init; }

    /// <summary>The list the entry belongs to, within a file that merges several (CSL: "Entity List (EL) - Bureau of Industry and Security").</summary>
    public required string SourceList { get; init; }

    public required EntityKind Kind { get; init; }

    /// <summary>All names; the first one is the primary name.</summary>
    public required IReadOnlyList<EntityName> Names { get; init; }

    public IReadOnlyList<Identifier> Identifiers { get; init; } = [];
    public IReadOnlyList<string> Nationalities { get; init; } = [];

    /// <summary>Countries the party is linked to other than by nationality (citizenship, residence, jurisdiction, flag).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<BirthDate> BirthDates { get; init; } = [];
    public IReadOnlyList<string> BirthPlaces { get; init; } = [];
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Sanctions programmes or regimes ("RUSSIA-EO14024", "SDGT", "DPRK", "Russia").</summary>
    public IReadOnlyList<string> Programmes { get; init; } = [];

    /// <summary>Date the party was first listed, as yyyy-MM-dd where the publisher gives it.</summary>
    public DateOnly? ListedOn { get; init; }

    public string? Remarks { get; init; }

    /// <summary>Everything else the publisher states that has no field of its own, by a stable key
    /// ("title", "licenseRequirement", "vessel.flag", "gender"). Sorted, so that two snapshots compare stably.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    [JsonIgnore]
    public string PrimaryName => Names.Count > 0 ? Names[0].Value : "";
}
