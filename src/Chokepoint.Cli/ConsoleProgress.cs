using System.Diagnostics;
using Chokepoint.Sources.Snapshots;

namespace Chokepoint.Cli;

/// <summary>Shows import progress on standard error: an updating line on a terminal, a line every few seconds otherwise.</summary>
internal sealed class ConsoleProgress : IProgress<ImportProgress>
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private string? _file;

    public void Report(ImportProgress value)
    {
        var newFile = value.File != _file;
        if (!newFile && _since.ElapsedMilliseconds < (_terminal ? 200 : 3000)) return;
        _file = value.File;
        _since.Restart();
        var text = $"  reading {Path.GetFileName(value.File)}: {value.Entities:N0} entities";
        if (_terminal) Console.Error.Write($"\r{text,-78}");
        else if (!newFile) Console.Error.WriteLine(text);
    }

    public void Done()
    {
        if (_terminal && _file is not null) Console.Error.Write($"\r{new string(' ', 79)}\r");
    }
}
