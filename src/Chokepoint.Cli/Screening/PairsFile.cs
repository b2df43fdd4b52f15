using Chokepoint.Core.Reading;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Cli.Screening;

/// <summary><c>compare --input pairs.csv --output scores.csv</c>: columns name1, name2 and optional kind in; the same
/// with score and notes out, one row per input row, streamed. name1 is scored as the query, name2 as the listed name.</summary>
internal static class PairsFile
{
    public static Task<int> CompareAsync(ScreeningIndex? index, string input, string? output, CancellationToken ct)
    {
        if (!File.Exists(input)) throw new IOException($"{input}: no such file");
        try
        {
            return Task.FromResult(Compare(index, input, output, ct));
        }
        catch
        {
            if (output is not null) File.Delete(output); // no half-written scores
            throw;
        }
    }

    private static int Compare(ScreeningIndex? index, string input, string? output, CancellationToken ct)
    {
        using var writer = output is null ? new StreamWriter(Console.OpenStandardOutput()) : CsvOut.Create(output, excel: false);
        Core.Exports.SafeCsv.WriteRow(writer, ["line", "name1", "name2", "kind", "score", "notes", "error"]);
        var rows = 0;
        foreach (var r in CsvTable.Read(input, TextSources.StrictUtf8, ["name1", "name2"]))
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            var (a, b, kindText) = (r["name1"], r["name2"], r["kind"]);
            var kind = kindText is null ? null : PartyKinds.TryParse(kindText);
            string? error = a is null || b is null ? "name1 or name2 is empty" : kindText is not null && kind is null ? PartyKinds.Unknown(kindText) : null;
            if (error is not null)
            {
                Core.Exports.SafeCsv.WriteRow(writer, [r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), a, b, kindText, "", "", error]);
                continue;
            }
            var m = Screener.Compare(index, a!, b!, kind);
            Core.Exports.SafeCsv.WriteRow(writer, [r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), a, b, kindText,
                m.Score.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), string.Join("; ", m.Notes), ""]);
        }
        if (output is not null) Console.Error.WriteLine($"{rows:N0} pairs scored into {output}");
        return 0;
    }
}
