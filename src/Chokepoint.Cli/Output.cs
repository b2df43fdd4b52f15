using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Cli;

/// <summary>Writes results as aligned text tables for people or JSON for scripts; errors go to standard error.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions JsonLineOptions = new(JsonOptions) { WriteIndented = false };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>The same JSON on one line.</summary>
    public static void JsonLine<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonLineOptions));

    public static int Error(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    /// <summary>The width tables are laid out to: the terminal's, else 100 columns; null with <c>--wide</c> (every
    /// column, nothing wrapped).</summary>
    public static int? Width { get; set; } = TerminalWidth();

    public static void Table(IReadOnlyList<TextColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var line in TextTable.Lines(columns, rows, Width)) Console.Out.WriteLine(line);
    }

    /// <summary>A paragraph wrapped to the table width, each line after the first indented by <paramref name="indent"/>.</summary>
    public static void Paragraph(string text, string indent = "    ")
    {
        var lines = Width is { } w ? TextTable.Wrap(text, Math.Max(w - indent.Length, 20)) : [text];
        for (var i = 0; i < lines.Count; i++) Console.Out.WriteLine(i == 0 ? lines[i] : indent + lines[i]);
    }

    private static int TerminalWidth()
    {
        if (Console.IsOutputRedirected) return 100;
        try { return Console.WindowWidth is var w and >= 40 ? w : 100; }
        catch (IOException) { return 100; }
    }
}
