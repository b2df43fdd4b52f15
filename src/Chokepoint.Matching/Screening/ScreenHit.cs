using Chokepoint.Core.Values;
using Chokepoint.Core.Listings;

namespace Chokepoint.Matching.Screening;

/// <summary>One listed entity a party may be, with what matched and why.</summary>
public sealed record ScreenHit(
    string EntityId,
    string List,
    string SourceList,
    long Snapshot,
    DateOnly? SnapshotPublished,
    EntityKind Kind,
    string Name,
    string MatchedName,
    NameType MatchedNameType,
    double Score,
    string Explanation,
    IReadOnlyList<Feature> Features,
    IReadOnlyList<string> Programmes)
{
    /// <summary>Ends the explanation of a person's hit whose entry has a date of birth the query did not give.</summary>
    public const string BirthDateNotGiven = "DOB not given";
}

/// <summary>One piece of the score: "name 0.94", "dob agrees +0.04", "country conflicts -0.06".</summary>
public sealed record Feature(string Name, double Effect, string Detail);

/// <summary>The answer to one query: its hits and which snapshots it was screened against.</summary>
public sealed record ScreenResult(PartyQuery Query, IReadOnlyList<ScreenHit> Hits, IReadOnlyList<SnapshotId> Snapshots, double ElapsedMicroseconds)
{
    /// <summary>Who asked for the screening (the host fills it in; matching knows no actors).</summary>
    public string? ScreenedBy { get; init; }

    /// <summary>The stored screening's id, once the host has recorded it (chokepoint screenings show|replay ID).</summary>
    public long? ScreeningId { get; init; }
}

/// <summary>Screening was asked for but no list is loaded: refusing is the only safe answer, never "no hits".</summary>
public sealed class ScreeningUnavailableException(string message) : Exception(message);
