namespace Chokepoint.Sources.Snapshots;

/// <summary>
/// Every dataset a snapshot may be filed under: the ids the readers produce (<see cref="Reading.ListReaders"/>), the
/// lists declared without a reader of their own (Data/declared-lists.tsv: EU Annex IV), OpenSanctions datasets by
/// folder ("opensanctions-NAME") and the user's own lists ("custom-NAME", which carry no legal consequence). Any other
/// id is refused with the known ones listed: a list filed as "eu-833-annex-4" would silently lose the consequence its
/// real id carries.
/// </summary>
public static class ListCatalog
{
    public const string OpenSanctionsPrefix = OpenSanctions.OpenSanctionsTerms.DatasetPrefix;
    public const string CustomPrefix = "custom-";

    /// <summary>The declared lists and what each is.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = LoadDeclared();

    /// <summary>Every fixed dataset id, readers' and declared.</summary>
    public static IReadOnlySet<string> Known { get; } =
        Reading.ListReaders.All.SelectMany(r => r.Datasets).Concat(Declared.Keys).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string dataset) =>
        Known.Contains(dataset) || HasName(dataset, OpenSanctionsPrefix) || HasName(dataset, CustomPrefix);

    /// <summary>The dataset itself, or an <see cref="ArgumentException"/> naming the known ones.</summary>
    public static string Require(string dataset) => IsKnown(dataset) ? dataset : throw new ArgumentException(
        $"unknown dataset '{dataset}'. Known: {string.Join(", ", Known.Order(StringComparer.Ordinal))}; " +
        $"{OpenSanctionsPrefix}NAME for OpenSanctions data, {CustomPrefix}NAME for a list of your own (no legal consequence attaches to it).");

    private static bool HasName(string dataset, string prefix) =>
        dataset.StartsWith(prefix, StringComparison.Ordinal) && dataset.Length > prefix.Length
        && dataset[prefix.Length..].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private static Dictionary<string, string> LoadDeclared()
    {
        using var stream = typeof(ListCatalog).Assembly.GetManifestResourceStream("declared-lists.tsv")
            ?? throw new InvalidOperationException("The declared-lists table is missing from the Sources assembly.");
        using var reader = new StreamReader(stream);
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length < 3 || parts[2].Trim().Length == 0 || !declared.TryAdd(parts[0], parts[1]))
                throw new InvalidDataException($"declared-lists.tsv: a row needs a dataset, a description and a source, once: '{line}'");
        }
        return declared;
    }
}
