using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Chokepoint.Application.Monitoring;
using Chokepoint.Application.Exports;
using Chokepoint.Application.Screening;
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

    public static async Task<int> RunAsync(Screener screener, BatchFiles files, ScreenOptions options, ScreeningRecords records, CancellationToken ct)
    {
        var (input, output) = (files.Input, files.Output);
        // A missing input, or an input or output of an unknown type, fails here, before any output is created.
        var rows = PartyRows.Read(input, files.Columns);
        HitSink.Validate(output);
        screener.Filter(options); // an unknown list or programme stops the run before any row is read

        try
        {
            return await ScreenAsync(screener, rows, files, options, records, ct);
        }
        catch
        {
            // A file that breaks part-way (bad bytes, an unterminated quote) leaves no half-written output behind.
            if (output is not null) File.Delete(output);
            throw;
        }
    }

    private static async Task<int> ScreenAsync(Screener screener, IEnumerable<PartyRow> parties, BatchFiles files, ScreenOptions options, ScreeningRecords records, CancellationToken ct)
    {
        var (input, output) = (files.Input, files.Output);
        var watch = Stopwatch.StartNew();
        await using var sink = HitSink.Create(output, BatchRows.Columns, files.Excel);
        // Writing block k overlaps screening block k+1: done in turn, the single-threaded reading and writing left a
        // core idle for a third of the run. Two blocks in flight keep memory flat.
        var screened = Channel.CreateBounded<ScreenedBlock>(2);
        // The writer gets a thread of its own: on the thread pool it would take one of the threads screening needs.
        using var progress = new ConsoleProgress(); // cleared on every way out, a failure's message on a line of its own
        var writing = Task.Factory.StartNew(() => WriteAll(screened, sink, input, progress, ExpectedRows(input, progress), ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var block in parties.Chunk(Block))
            {
                ct.ThrowIfCancellationRequested();
                var outcomes = PartyBatch.Screen(screener, block.Length, i => block[i].Query is { } q ? (q, options) : null, ct);
                // Each block on record (one transaction) before its rows are written: no answer leaves without its record.
                await records.RecordAsync(Chokepoint.Core.Identity.Actor.Operator, "cli batch", [.. outcomes.Select(o => (options, o.Result))], ct);
                await screened.Writer.WriteAsync(new ScreenedBlock(block, outcomes), ct);
            }
        }
        catch (ChannelClosedException)
        {
            // The writer failed and closed the channel: its exception, awaited below, is the one to report.
        }
        catch
        {
            // A bad input row or a cancellation: let the writer stop before the output is closed and removed.
            screened.Writer.TryComplete();
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        screened.Writer.TryComplete();
        var (rows, problems, withHits) = await writing;
        progress.Done();
        Console.Error.WriteLine($"{rows:N0} parties screened in {watch.Elapsed.TotalSeconds:F1} s ({rows / Math.Max(watch.Elapsed.TotalSeconds, 1e-6):N0}/s): {withHits:N0} with hits, {problems:N0} skipped{(output is null ? "" : $"; written to {output}")}");
        return 0;
    }

    private sealed record ScreenedBlock(PartyRow[] Rows, PartyOutcome[] Outcomes);

    /// <summary>About how many parties a text file holds (its lines, less a CSV's header), for a progress bar on a
    /// terminal; null for a workbook, or when no bar is drawn (a log gets counts, and the file is not read twice).</summary>
    private static long? ExpectedRows(string input, ConsoleProgress progress)
    {
        if (!progress.OnTerminal || input.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return null;
        long lines = 0;
        using (var file = File.OpenRead(input))
        {
            var buffer = new byte[1 << 16];
            for (int n; (n = file.Read(buffer)) > 0;) lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        return input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Math.Max(lines - 1, 0) : lines;
    }

    private static (long Rows, long Problems, long WithHits) WriteAll(Channel<ScreenedBlock> screened, HitSink sink, string input, ConsoleProgress progress, long? total, CancellationToken ct)
    {
        long rows = 0, problems = 0, withHits = 0;
        try
        {
            while (screened.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
            {
                if (!screened.Reader.TryRead(out var block)) continue;
                for (var i = 0; i < block.Rows.Length; i++)
                {
                    var row = block.Rows[i];
                    var problem = row.Problem ?? block.Outcomes[i].Error;
                    if (problem is not null)
                    {
                        problems++;
                        progress.Done();
                        Console.Error.WriteLine($"{input} line {row.Line}: skipped, {problem}");
                    }
                    else if (block.Outcomes[i].Result!.Hits.Count > 0) withHits++;
                    foreach (var line in BatchRows.Of(row, block.Outcomes[i])) sink.Write(line);
                }
                rows += block.Rows.Length;
                progress.Report(new ScreeningProgress("screening parties", rows, total));
            }
            return (rows, problems, withHits);
        }
        catch (Exception e)
        {
            screened.Writer.TryComplete(e); // stops the screening loop instead of leaving it waiting for room
            throw;
        }
    }
}

/// <summary>A batch's files: the parties (read through <paramref name="Columns"/> where their headers are not ours) and
/// where the hits go (<paramref name="Excel"/>: a CSV with a byte-order mark).</summary>
internal sealed record BatchFiles(string Input, string? Output, bool Excel, IReadOnlyDictionary<string, string>? Columns);

/// <summary>Where batch hits go: CSV (the default, defused against formula injection), JSON lines or xlsx.</summary>
internal abstract class HitSink : IAsyncDisposable
{
    public abstract void Write(ReadOnlySpan<string?> cells);
    public abstract ValueTask DisposeAsync();

    public static void Validate(string? path)
    {
        var ext = Path.GetExtension(path ?? ".csv").ToLowerInvariant();
        if (ext is not (".csv" or ".jsonl" or ".ndjson" or ".xlsx")) throw new ArgumentException($"output must be .csv, .jsonl or .xlsx, not '{ext}'");
    }

    /// <param name="excel">CSV for Excel: starts with a UTF-8 byte-order mark, without which Excel reads the file in the
    /// machine's legacy code page and garbles every name outside ASCII.</param>
    public static HitSink Create(string? path, SheetColumn[] columns, bool excel)
    {
        Validate(path);
        return Path.GetExtension(path ?? ".csv").ToLowerInvariant() switch
        {
            ".csv" => new CsvSink(path, SheetColumn.Names(columns), excel),
            ".xlsx" => new XlsxSink(path!, columns),
            _ => new JsonLinesSink(path!, SheetColumn.Names(columns)),
        };
    }

    private sealed class CsvSink : HitSink
    {
        private readonly StreamWriter _writer;

        public CsvSink(string? path, string[] header, bool excel)
        {
            _writer = path is null ? new StreamWriter(Console.OpenStandardOutput(), CsvOut.Encoding(excel)) : CsvOut.Create(path, excel);
            Write(header);
        }

        public override void Write(ReadOnlySpan<string?> cells) => Core.Exports.SafeCsv.WriteRow(_writer, cells);
        public override ValueTask DisposeAsync() => _writer.DisposeAsync();
    }

    private sealed class JsonLinesSink(string path, string[] header) : HitSink
    {
        private readonly StreamWriter _writer = CsvOut.Create(path, excel: false);

        public override void Write(ReadOnlySpan<string?> cells)
        {
            var row = new Dictionary<string, string?>();
            for (var i = 0; i < header.Length; i++) if (!string.IsNullOrEmpty(cells[i])) row[header[i]] = cells[i];
            _writer.WriteLine(JsonSerializer.Serialize(row));
        }

        public override ValueTask DisposeAsync() => _writer.DisposeAsync();
    }

    private sealed class XlsxSink(string path, SheetColumn[] columns) : HitSink
    {
        private readonly XlsxWriter _xlsx = new(path, columns);

        public override void Write(ReadOnlySpan<string?> cells) => _xlsx.Row(cells.ToArray());
        public override ValueTask DisposeAsync()
        {
            _xlsx.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
