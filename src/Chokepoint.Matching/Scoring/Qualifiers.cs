using Chokepoint.Core.Listings;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Normalising;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Matching.Scoring;

/// <summary>
/// What besides the name tells two parties apart: kind, birth date, country, identifiers. Each returns a
/// <see cref="Feature"/> (or none when either side is silent), so the explanation lists exactly what moved the score.
/// </summary>
internal static class Qualifiers
{
    public static Feature? Kind(EntityKind? query, EntityKind listed, ScoreWeights w)
    {
        if (query is null || listed == EntityKind.Other || query == EntityKind.Other || query == listed) return null;
        return new Feature("kind", w.KindMismatch - 1, $"kind differs: {query} / {listed}");
    }

    public static Feature? BirthDate(BirthDate? query, IReadOnlyList<BirthDate> listed, ScoreWeights w)
    {
        if (query?.From is null || listed.Count == 0 || listed.All(d => d.From is null)) return null;
        foreach (var d in listed)
        {
            if (d.From is null) continue;
            // Circa on either side widens by a year each way.
            var slack = query.Circa || d.Circa ? 366 : 0;
            if (query.From.Value.DayNumber - slack <= d.To!.Value.DayNumber && d.From.Value.DayNumber - slack <= query.To!.Value.DayNumber)
                return new Feature("birthDate", w.BirthDateAgrees, $"DOB {query.Text} agrees with {d.Text}");
        }
        return new Feature("birthDate", -w.BirthDateConflicts, $"DOB {query.Text} conflicts with {string.Join(", ", listed.Select(d => d.Text))}");
    }

    public static Feature? Country(string? queryCode, IndexedEntity e, ScoreWeights w)
    {
        if (queryCode is null || e.CountryCodes.Length == 0) return null;
        return e.CountryCodes.Contains(queryCode)
            ? new Feature("country", w.CountryAgrees, $"country {queryCode} agrees")
            : new Feature("country", -w.CountryConflicts, $"country {queryCode} differs from {string.Join(", ", e.CountryCodes)}");
    }

    public static Feature? Identifier(string? queryKey, IndexedEntity e)
    {
        if (string.IsNullOrEmpty(queryKey) || e.IdentifierKeys.Length == 0) return null;
        if (e.IdentifierKeys.Contains(queryKey))
        {
            var id = e.Entity.Identifiers.First(i => IndexKey(i.Value) == queryKey);
            return new Feature("identifier", 1, $"identifier {id.Value} ({id.Type}) identical");
        }
        return null;
    }

    private static string IndexKey(string value) => ScreeningIndex.IdentifierKey(value);
}
