using System.Text.Json.Serialization;

namespace Chokepoint.Rules.Decisions;

/// <summary>The decision lattice, least to most severe; a combined result is the maximum (domain.md section 0).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    [JsonStringEnumMemberName("CLEAR")] Clear = 0,
    [JsonStringEnumMemberName("HOLD_FOR_REVIEW")] HoldForReview = 1,
    [JsonStringEnumMemberName("LICENCE_REQUIRED")] LicenceRequired = 2,
    [JsonStringEnumMemberName("PROHIBITED")] Prohibited = 3,
}

public static class Decisions
{
    public static string Name(this Decision d) => d switch
    {
        Decision.Clear => "CLEAR",
        Decision.HoldForReview => "HOLD_FOR_REVIEW",
        Decision.LicenceRequired => "LICENCE_REQUIRED",
        Decision.Prohibited => "PROHIBITED",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static Decision Parse(string text) => text switch
    {
        "CLEAR" => Decision.Clear,
        "HOLD_FOR_REVIEW" => Decision.HoldForReview,
        "LICENCE_REQUIRED" => Decision.LicenceRequired,
        "PROHIBITED" => Decision.Prohibited,
        _ => throw new FormatException($"'{text}' is not a decision (CLEAR, HOLD_FOR_REVIEW, LICENCE_REQUIRED, PROHIBITED)."),
    };

    public static Decision Max(Decision a, Decision b) => a >= b ? a : b;
}
