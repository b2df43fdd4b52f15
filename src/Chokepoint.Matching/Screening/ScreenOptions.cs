using Chokepoint.Core.Values;

namespace Chokepoint.Matching.Screening;

/// <summary>How a screening request is scored and filtered. Every field has a sensible default; all are per request.</summary>
public sealed record ScreenOptions
{
    /// <summary>Hits scoring below this are not returned. Calibrated on the development set (docs/QUALITY.md).</summary>
    public Score Threshold { get; init; } = Default;

    public static readonly Score Default = new(0.80);

    /// <summary>At most this many hits, best first.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Only these datasets ("us-ofac-sdn") or source lists ("Entity List (EL) - ..."); empty: all.</summary>
    public IReadOnlyCollection<string> Lists { get; init; } = [];

    /// <summary>Only entries under one of these programmes ("RUSSIA-EO14024"); empty: all.</summary>
    public IReadOnlyCollection<string> Programmes { get; init; } = [];

    public ScoreWeights Weights { get; init; } = new();
}

/// <summary>What each qualifier does to a name score. Scores stay in 0..1.</summary>
public sealed record ScoreWeights
{
    /// <summary>Multiplier when the kinds differ (a person is not a company).</summary>
    public double KindMismatch { get; init; } = 0.55;

    public double BirthDateAgrees { get; init; } = 0.04;
    public double BirthDateConflicts { get; init; } = 0.20;
    public double CountryAgrees { get; init; } = 0.02;
    public double CountryConflicts { get; init; } = 0.06;

    /// <summary>An identical identifier is a strong match on its own: the score is raised to at least this.</summary>
    public double IdentifierMatch { get; init; } = 0.97;

    /// <summary>Multiplier when both names carry numbers and they differ ("Plant No. 3" / "Plant No. 5").</summary>
    public double NumbersDiffer { get; init; } = 0.6;
}
