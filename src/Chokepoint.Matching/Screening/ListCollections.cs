namespace Chokepoint.Matching.Screening;

/// <summary>
/// Named collections of datasets (Data/collections.tsv): "sanctions", "export-controls", and "default" for every
/// loaded list. yente clients name a collection in the URL (/match/sanctions); --lists accepts them too.
/// </summary>
public static class ListCollections
{
    public const string Default = "default";

    /// <summary>Each collection's datasets, by name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> All { get; } = Load();

    private static Dictionary<string, IReadOnlyList<string>> Load()
    {
        using var stream = typeof(ListCollections).Assembly.GetManifestResourceStream("collections.tsv")
            ?? throw new InvalidOperationException("The collections table is missing from the Matching assembly.");
        using var reader = new StreamReader(stream);
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length < 3 || !all.TryAdd(parts[0], parts[1].Split('|')))
                throw new InvalidDataException($"collections.tsv: bad or repeated row '{line}'");
        }
        return all;
    }
}
