namespace Chokepoint.Core.Reading;

/// <summary>A publisher file could not be read. The message always names the file and, where known, the line and column,
/// so that the operator can open the file at that place.</summary>
public sealed class ListFormatException : Exception
{
    public ListFormatException(string file, string? location, string problem, Exception? inner = null)
        : base($"{file}{(location is null ? "" : $" ({location})")}: {problem}", inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    public string File { get; }
    public string? Location { get; }
    public string Problem { get; }

    public static string Line(long line) => $"line {line}";
    public static string LineColumn(int line, int column) => $"line {line}, column {column}";
}
