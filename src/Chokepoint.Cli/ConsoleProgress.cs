using System.Diagnostics;
using System.Globalization;
using Chokepoint.Application.Screening;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Cli;

/// <summary>Shows progress of long work on standard error: on a terminal a line that redraws itself (a bar when the
/// total is known), otherwise a plain line every few seconds, so that logs stay readable.</summary>
internal sealed class ConsoleProgress : IProgress<ImportProgress>, IProgress<ScreeningProgress>, IDisposable
{
    private const int BarCells = 24;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private readonly bool _terminal;
    private readonly TextWriter _out;
    private string? _subject;
    private long _firstDone;
    private bool _drawn;

    public ConsoleProgress() : this(Console.Error, !Console.IsErrorRedirected) { }

    internal ConsoleProgress(TextWriter output, bool terminal) => (_out, _terminal) = (output, terminal);

    /// <summary>Whether a bar is drawn (standard error is a terminal).</summary>
    public bool OnTerminal => _terminal;

    public void Report(ImportProgress value)
    {
        var first = value.File != _subject;
        // In a log, a file's first report says only that reading began, which the import's own line says better.
        if (Due(value.File) && (_terminal || !first)) Show($"reading {Path.GetFileName(value.File)}: {value.Entities:N0} entities");
    }

    public void Report(ScreeningProgress value)
    {
        var first = value.What != _subject;
        if (!Due(value.What) && value.Done != value.Total) return;
        if (first) _firstDone = value.Done;
        // The rate since this work was first reported: the time before it (loading, the first step) is not known here.
        var seconds = _running.Elapsed.TotalSeconds;
        var rate = seconds > 0.05 ? (value.Done - _firstDone) / seconds : 0;
        var speed = rate > 0 ? $", {rate.ToString("N0", CultureInfo.InvariantCulture)}/s" : "";
        if (value.Total is not { } total || total <= 0)
        {
            Show($"{value.What}: {value.Done:N0}{speed}");
            return;
        }
        var share = Math.Clamp((double)value.Done / total, 0, 1);
        var left = rate > 0 ? $", {Math.Ceiling((total - value.Done) / rate):N0} s left" : "";
        var filled = (int)Math.Round(share * BarCells);
        var percent = $"{Math.Floor(share * 100):0}%";
        Show(_terminal
            ? $"{value.What} [{new string('#', filled)}{new string('.', BarCells - filled)}] {percent} {value.Done:N0}/{total:N0}{speed}{left}"
            : $"{value.What}: {value.Done:N0} of {total:N0} ({percent}){speed}");
    }

    /// <summary>Clears the redrawn line, so that what follows starts on a clean one.</summary>
    public void Done()
    {
        if (_terminal && _drawn) _out.Write($"\r{new string(' ', 99)}\r");
        _drawn = false;
    }

    public void Dispose() => Done();

    /// <summary>Whether to show now: at once for a new subject, then every 200 ms on a terminal, every 5 s in a log.</summary>
    private bool Due(string subject)
    {
        var changed = subject != _subject;
        if (!changed && _since.ElapsedMilliseconds < (_terminal ? 200 : 5000)) return false;
        if (changed) _running.Restart();
        _subject = subject;
        _since.Restart();
        return true;
    }

    private void Show(string text)
    {
        var line = "  " + text;
        if (_terminal)
        {
            _out.Write($"\r{(line.Length > 99 ? line[..99] : line),-99}");
            _drawn = true;
        }
        else _out.WriteLine(line);
    }
}
