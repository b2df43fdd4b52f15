namespace Chokepoint.Core.Values;

/// <summary>Reads Core's embedded tables (Data/*.tsv): '#' lines are comments, the first other line the header, and
/// every row must have a non-empty cell under each of the expected columns, the last one being its source.</summary>
internal static class DataFile
{
    public static IEnumerable<string[]> Rows(string name, params string[] columns)
    {
        using var stream = typeof(DataFile).Assembly.GetManifestResourceStream("core/" + name)
            ?? throw new InvalidOperationException($"{name} is not embedded in Chokepoint.Core.");
        using var reader = new StreamReader(stream);
        string[]? header = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (header is null)
            {
                header = cells;
                if (!header.SequenceEqual(columns)) throw new InvalidDataException($"{name}: the header must be {string.Join(", ", columns)}.");
                continue;
            }
            if (cells.Length != columns.Length || cells.Any(c => c.Trim().Length == 0))
                throw new InvalidDataException($"{name} line {number}: every row needs {string.Join(", ", columns)}.");
            yield return cells;
        }
    }
}
