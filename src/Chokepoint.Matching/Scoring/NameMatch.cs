namespace Chokepoint.Matching.Scoring;

/// <summary>How well two names agree, and in plain words why ("order differs", "typo", "via transliteration").</summary>
public sealed record NameMatch(double Score, IReadOnlyList<string> Notes);
