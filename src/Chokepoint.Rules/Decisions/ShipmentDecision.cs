using Chokepoint.Core.Values;
namespace Chokepoint.Rules.Decisions;

/// <summary>The answer for one shipment: the combined decision, each jurisdiction's, and everything that led there.</summary>
public sealed record ShipmentDecision(
    string? ShipmentId,
    DateOnly EvaluationDate,
    Decision Decision,
    IReadOnlyList<JurisdictionDecision> Jurisdictions,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<NotEvaluated> NotEvaluated,
    IReadOnlyList<Obligation> Obligations,
    IReadOnlyList<PartyScreening> Screening,
    IReadOnlyList<LicenceUse> Licences,
    string RuleDataVersion,
    IReadOnlyList<SnapshotId> ListSnapshots)
{
    /// <summary>Who asked for the decision (the host fills it in; the engine knows no actors).</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The stored screening of each entry of <see cref="Screening"/>, in its order, once the host has recorded them.</summary>
    public IReadOnlyList<long?>? ScreeningIds { get; init; }
}

/// <summary>One jurisdiction's decision. <see cref="Basis"/> says why a CLEAR is clear: "NLR" or the authorisation used.</summary>
public sealed record JurisdictionDecision(string Jurisdiction, Decision Decision, IReadOnlyList<Reason> Reasons, IReadOnlyList<string> LegalBasis, string? Basis);

/// <summary>A rule that fired, with what it did and a sentence a compliance officer can act on.</summary>
public sealed record Reason(string Rule, Decision Effect, string Message);

public sealed record RedFlag(string Id, string Message, Decision Effect, string Jurisdiction);

/// <summary>A red flag that could not be evaluated, and the facts it lacked.</summary>
public sealed record NotEvaluated(string Id, string Missing);

public sealed record Obligation(string Id, string Jurisdiction, string Text, string Source);

public sealed record PartyScreening(string Party, IReadOnlyList<string> Roles, IReadOnlyList<PartyHit> Hits)
{
    /// <summary>The query the party was screened with, for the host's screening record.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Chokepoint.Matching.Screening.PartyQuery? Query { get; init; }
}

/// <summary>A list entry a party may be. Confirmed: strong enough (or an identical identifier) to apply the list's consequence.</summary>
public sealed record PartyHit(string EntityId, string List, string SourceList, long Snapshot, string Name, double Score, bool Confirmed, string Explanation);

/// <summary>What a referenced licence does for one item: whether it covers it, and the drawdown it would take.</summary>
public sealed record LicenceUse(string Licence, int? Line, string Item, bool Covers, string Message, decimal? Drawdown, decimal? RemainingAfter, string? Unit)
{
    /// <summary>When the licence does not cover the item because a key element differs from it: "item", "destination",
    /// "end user", "quantity" or "value" (under PRC law a new application, not an amendment).</summary>
    public string? KeyChange { get; init; }
}
