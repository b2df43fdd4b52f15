using System.Globalization;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Application.Screening;

/// <summary>A hit's score said in words, for a person deciding it: how close, on which of the entry's names, and what
/// the other details added or took away.</summary>
public static class HitWords
{
    /// <summary>How close a score is. The bands are for reading, not deciding: every hit at or above the threshold is
    /// reviewed, whatever its band.</summary>
    public static string Band(double score) => score switch
    {
        >= 0.99 => "exact",
        >= 0.93 => "very close",
        >= 0.85 => "close",
        _ => "partial",
    };

    public static string Of(ScreenHit hit)
    {
        var said = new List<string>();
        if (hit.Features.FirstOrDefault(f => f.Name == "identifier") is { } id)
            said.Add($"{id.Detail}, which settles it whatever the names");
        if (hit.Features.FirstOrDefault(f => f.Name == "name") is { } name)
            said.Add(name.Detail.StartsWith('\'')
                ? $"the name scores {Number(name.Effect)} against the entry's {NameWords(hit.MatchedNameType)} '{hit.MatchedName}'{Notes(name.Detail)}"
                : name.Detail);
        foreach (var f in hit.Features.Where(f => f.Name is not ("name" or "identifier")))
            said.Add(f.Name == "kind" ? f.Detail : $"{f.Detail} ({(f.Effect >= 0 ? "+" : "−")}{Number(Math.Abs(f.Effect))})");
        if (hit.Explanation.EndsWith(ScreenHit.BirthDateNotGiven, StringComparison.Ordinal))
            said.Add("the entry has a date of birth, and one given would confirm or rule it out");
        var band = Band(hit.Score);
        return $"{char.ToUpperInvariant(band[0])}{band[1..]} match ({Number(hit.Score)}): {string.Join("; ", said)}.";
    }

    private static string NameWords(NameType type) => type switch
    {
        NameType.Primary => "listed name",
        NameType.Alias => "alias",
        NameType.WeakAlias => "weak alias (matched only when close)",
        _ => "former name",
    };

    /// <summary>The matcher's notes on the names, from the end of the feature's detail: "(name order differs)".</summary>
    private static string Notes(string detail) =>
        detail.EndsWith(')') && detail.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0 && detail.LastIndexOf('\'') < open
            ? $", {detail[(open + 2)..^1]}" : "";

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
