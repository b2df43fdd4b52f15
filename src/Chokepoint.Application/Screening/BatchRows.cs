using System.Globalization;

namespace Chokepoint.Application.Screening;

/// <summary>
/// The rows a batch screening answers with, the same from the command line and the workplace: one per hit, one for a
/// party without hits (rank 0), and one naming the problem for a row that could not be screened, so every input row
/// appears. Exports defuse formula-like cells (CSV and xlsx alike).
/// </summary>
public static class BatchRows
{
    public static readonly string[] Header =
        ["line", "name", "kind", "country", "dob", "id", "rank", "entity_id", "list", "source_list", "snapshot", "hit_kind", "hit_name", "matched_name", "score", "explanation", "error"];

    public static IEnumerable<string?[]> Of(PartyRow row, PartyOutcome outcome)
    {
        var q = row.Query;
        var line = row.Line.ToString(CultureInfo.InvariantCulture);
        if ((row.Problem ?? outcome.Error) is { } problem)
        {
            yield return [line, q?.Name ?? string.Join(",", row.Raw), "", "", "", "", "", "", "", "", "", "", "", "", "", "", problem];
            yield break;
        }
        var hits = outcome.Result!.Hits;
        var kind = q!.Kind?.ToString();
        if (hits.Count == 0) yield return [line, q.Name, kind, q.Country, q.BirthDate, q.Identifier, "0", "", "", "", "", "", "", "", "", "", ""];
        for (var r = 0; r < hits.Count; r++)
        {
            var h = hits[r];
            yield return [line, q.Name, kind, q.Country, q.BirthDate, q.Identifier, (r + 1).ToString(CultureInfo.InvariantCulture), h.EntityId, h.List, h.SourceList,
                h.Snapshot.ToString(CultureInfo.InvariantCulture), h.Kind.ToString(), h.Name, h.MatchedName,
                h.Score.ToString("F4", CultureInfo.InvariantCulture), h.Explanation, ""];
        }
    }
}
