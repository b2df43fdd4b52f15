namespace Chokepoint.Core.Values;

/// <summary>Reads embedded tables of law and fact (Data/*.tsv): '#' lines are comments, the first other line the header, and
/// every row must have a non-empty cell under each of the expected columns, the last one being its source.</summary>
public static class DataFile
{
    internal static IEnumerable<string[]> Rows(string name, params string[] columns) =>
        Rows(typeof(DataFile).Assembly, "core/" + name, columns);

    /// <summary>The rows of the table embedded in <paramref name="assembly"/> as <paramref name="resource"/>.</summary>
    public static IEnumerable<string[]> Rows(System.Reflection.Assembly assembly, string resource, params string[] columns)
    {
        var name = resource[(resource.LastIndexOf('/') + 1)..];
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {assembly.GetName().Name}.");
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
