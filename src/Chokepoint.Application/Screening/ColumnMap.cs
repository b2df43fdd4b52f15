namespace Chokepoint.Application.Screening;

/// <summary>
/// A mapping from a file's own column headers to ours, as a person writes it on the command line:
/// <c>"Company Name=name,Land=country"</c>. Our side must be a column the reader takes; anything else is refused
/// rather than quietly leaving a column unread.
/// </summary>
public static class ColumnMap
{
    /// <returns>Our column → the file's header, as <see cref="PartyRows.Read"/> takes it.</returns>
    public static IReadOnlyDictionary<string, string> Parse(string text, IReadOnlyCollection<string> ours)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = pair.LastIndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
                throw new ArgumentException($"--map: '{pair}' is not FILE COLUMN=OUR COLUMN (for example \"Company Name=name,Land=country\")");
            var (theirs, column) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim().ToLowerInvariant());
            if (!ours.Contains(column))
                throw new ArgumentException($"--map: '{column}' is not one of our columns; they are {string.Join(", ", ours)}");
            if (!map.TryAdd(column, theirs))
                throw new ArgumentException($"--map: '{column}' is mapped twice ('{map[column]}' and '{theirs}')");
        }
        return map;
    }
}
