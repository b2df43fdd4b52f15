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

    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
            Console.Out.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
