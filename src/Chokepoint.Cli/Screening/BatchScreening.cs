using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Cli.Screening;

/// <summary>
/// Screens a file of parties: rows are read, screened on every core and written in their input order, a block at a
/// time, so memory stays flat whatever the file's length. Every input row appears in the output: with its hits, with
/// none, or with the reason it could not be screened (and its line).
/// </summary>
internal static class BatchScreening
{
    private const int Block = 4096;
    private static readonly string[] Header =
        ["line", "name", "kind", "country", "dob", "id", "rank", "entity_id", "list", "source_list", "snapshot", "hit_kind", "hit_name", "matched_name", "score", "explanation", "error"];

    public static async Task<int> RunAsync(Screener screener, string input, string? output, ScreenOptions options, CancellationToken ct)
    {
        // A missing input, or an input or output of an unknown type, fails here, before any output is created.
        var rows = PartyRows.Read(input);
        HitSink.Validate(output);
        try
        {
            return await ScreenAsync(screener, rows, input, output, options, ct);
        }
        catch
        {
            // A file that breaks part-way (bad bytes, an unterminated quote) leaves no half-written output behind.
            if (output is not null) File.Delete(output);
            throw;
        }
    }

    private static async Task<int> ScreenAsync(Screener screener, IEnumerable<PartyRow> parties, string input, string? output, ScreenOptions options, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var sink = HitSink.Create(output, Header);
        long rows = 0, problems = 0, withHits = 0;
        var lastReport = Stopwatch.StartNew();
        foreach (var block in parties.Chunk(Block))
        {
            ct.ThrowIfCancellationRequested();
            var results = new ScreenResult?[block.Length];
            var errors = new string?[block.Length];
            Parallel.For(0, block.Length, new ParallelOptions { CancellationToken = ct }, i =>
            {
                if (block[i].Query is not { } q) return;
                try
                {
                    results[i] = screener.Screen(q, options);
                }
                catch (ArgumentException e)
                {
                    errors[i] = e.Message;
                }
            });
            for (var i = 0; i < block.Length; i++)
            {
                var row = block[i];
                var q = row.Query;
                var line = row.Line.ToString(CultureInfo.InvariantCulture);
                var problem = row.Problem ?? errors[i];
                if (problem is not null)
                {
                    problems++;
                    Console.Error.WriteLine($"{input} line {row.Line}: skipped, {problem}");
                    sink.Write([line, q?.Name ?? string.Join(",", row.Raw), "", "", "", "", "", "", "", "", "", "", "", "", "", "", problem]);
                    continue;
                }
                var hits = results[i]!.Hits;
                var party = new[] { line, q!.Name, q.Kind?.ToString(), q.Country, q.BirthDate, q.Identifier };
                if (hits.Count == 0) sink.Write([.. party, "0", "", "", "", "", "", "", "", "", "", ""]);
                else withHits++;
                for (var r = 0; r < hits.Count; r++)
                {
                    var h = hits[r];
                    sink.Write([.. party, (r + 1).ToString(CultureInfo.InvariantCulture), h.EntityId, h.List, h.SourceList,
                        h.Snapshot.ToString(CultureInfo.InvariantCulture), h.Kind.ToString(), h.Name, h.MatchedName,
                        h.Score.ToString("F4", CultureInfo.InvariantCulture), h.Explanation, ""]);
                }
            }
            rows += block.Length;
            if (lastReport.ElapsedMilliseconds > 1000)
            {
                Console.Error.WriteLine($"  {rows:N0} parties screened, {rows / watch.Elapsed.TotalSeconds:N0}/s");
                lastReport.Restart();
            }
        }
        Console.Error.WriteLine($"{rows:N0} parties screened in {watch.Elapsed.TotalSeconds:F1} s ({rows / Math.Max(watch.Elapsed.TotalSeconds, 1e-6):N0}/s): {withHits:N0} with hits, {problems:N0} skipped{(output is null ? "" : $"; written to {output}")}");
        return 0;
    }
}

/// <summary>Where batch hits go: CSV (the default, defused against formula injection), JSON lines or xlsx.</summary>
internal abstract class HitSink : IAsyncDisposable
{
    public abstract void Write(string?[] cells);
    public abstract ValueTask DisposeAsync();

    public static void Validate(string? path)
    {
        var ext = Path.GetExtension(path ?? ".csv").ToLowerInvariant();
        if (ext is not (".csv" or ".jsonl" or ".ndjson" or ".xlsx")) throw new ArgumentException($"output must be .csv, .jsonl or .xlsx, not '{ext}'");
    }

    public static HitSink Create(string? path, string[] header)
    {
        Validate(path);
        return Path.GetExtension(path ?? ".csv").ToLowerInvariant() switch
        {
            ".csv" => new CsvSink(path, header),
            ".xlsx" => new XlsxSink(path!, header),
            _ => new JsonLinesSink(path!, header),
        };
    }

    private sealed class CsvSink : HitSink
    {
        private readonly StreamWriter _writer;

        public CsvSink(string? path, string[] header)
        {
            _writer = path is null ? new StreamWriter(Console.OpenStandardOutput()) : CsvOut.Create(path);
            Write(header);
        }

        public override void Write(string?[] cells) => _writer.WriteLine(Core.Exports.SafeCsv.Row(cells));
        public override ValueTask DisposeAsync() => _writer.DisposeAsync();
    }

    private sealed class JsonLinesSink(string path, string[] header) : HitSink
    {
        private readonly StreamWriter _writer = CsvOut.Create(path);

        public override void Write(string?[] cells)
        {
            var row = new Dictionary<string, string?>();
            for (var i = 0; i < header.Length; i++) if (!string.IsNullOrEmpty(cells[i])) row[header[i]] = cells[i];
            _writer.WriteLine(JsonSerializer.Serialize(row));
        }

        public override ValueTask DisposeAsync() => _writer.DisposeAsync();
    }

    private sealed class XlsxSink : HitSink
    {
        private readonly XlsxWriter _xlsx;

        public XlsxSink(string path, string[] header)
        {
            _xlsx = new XlsxWriter(path);
            Write(header);
        }

        public override void Write(string?[] cells) => _xlsx.Row(cells.Select(c => Core.Exports.SafeCsv.Defuse(c ?? "")));
        public override ValueTask DisposeAsync()
        {
            _xlsx.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
