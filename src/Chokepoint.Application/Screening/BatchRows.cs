using System.Globalization;
using Chokepoint.Application.Exports;

namespace Chokepoint.Application.Screening;

/// <summary>
/// The rows a batch screening answers with, the same from the command line and the workplace: one per hit, one for a
/// party without hits (rank 0), and one naming the problem for a row that could not be screened, so every input row
/// appears. Exports defuse formula-like cells (CSV and xlsx alike).
/// </summary>
public static class BatchRows
{
    public static readonly SheetColumn[] Columns =
    [
        new("line", CellKind.Number), "name", "kind", "country", new("dob", CellKind.Date), "id", new("rank", CellKind.Number), "entity_id", "list",
        "source_list", new("snapshot", CellKind.Number), "hit_kind", "hit_name", "matched_name", new("score", CellKind.Score), "explanation", "error",
    ];

    public static readonly string[] Header = SheetColumn.Names(Columns);

    public static IEnumerable<string?[]> Of(PartyRow row, PartyOutcome outcome)
    {
        var q = row.Query;
        var line = row.Line.ToString(CultureInfo.InvariantCulture);
        if ((row.Problem ?? outcome.Error) is { } problem)
        {
            // What was read of the row, as its columns say, beside the reason it was not screened.
            var cells = row.Cells;
            yield return [line, Shortened(cells.GetValueOrDefault("name")), cells.GetValueOrDefault("kind"), cells.GetValueOrDefault("country"),
                cells.GetValueOrDefault("dob"), cells.GetValueOrDefault("id"), "", "", "", "", "", "", "", "", "", "", problem];
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

    /// <summary>A name too long to screen is shown by its start: the row says why it was refused.</summary>
    private static string? Shortened(string? name) => name is { Length: > 100 } ? name[..100] + "…" : name;
}
