using System.Diagnostics;

namespace Chokepoint.Tests.Support;

/// <summary>Runs the real <c>chokepoint</c> program, from its own build output (its own dependency set, not the
/// test project's), as a child process.</summary>
public static class ChokepointCli
{
    private static readonly Lazy<string> Program = new(() =>
    {
        // tests/Chokepoint.Tests/bin/<Configuration>/net10.0/ → src/Chokepoint.Cli/bin/<Configuration>/net10.0/chokepoint.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Chokepoint.Cli", "bin", configuration, framework, "chokepoint.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The chokepoint program is not built at {dll}.");
    });

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary>Runs the program with <paramref name="input"/> on its standard input (a password, for instance).</summary>
    public static Task<(int Code, string Out, string Err)> RunWithInputAsync(string input, params string[] args) =>
        RunInAsync(new Dictionary<string, string>(), input, args);

    /// <summary>Runs the program with extra environment variables (a time zone, for instance).</summary>
    public static Task<(int Code, string Out, string Err)> RunInAsync(IReadOnlyDictionary<string, string> environment, string input, params string[] args) =>
        RunProgramAsync("dotnet", [Program.Value, .. args], environment, input, TimeSpan.FromMinutes(2));

    /// <summary>Runs any program to its end (at most <paramref name="timeout"/>), with no chokepoint database set
    /// in its environment; returns its exit code and output.</summary>
    public static async Task<(int Code, string Out, string Err)> RunProgramAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment, string input, TimeSpan timeout, string? folder = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (folder is not null) start.WorkingDirectory = folder;
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("CHOKEPOINT_DB");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close(); // a command that reads standard input sees its end, never the runner's
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
