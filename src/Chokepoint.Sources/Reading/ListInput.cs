namespace Chokepoint.Sources.Reading;

/// <summary>
/// The file (or set of files) one snapshot is read from. Most formats are one file; OFAC's legacy CSV is a main
/// file (sdn.csv or cons_prim.csv) with companions (add, alt, comments) found beside it.
/// </summary>
public sealed record ListInput(string MainFile, IReadOnlyDictionary<string, string> Companions)
{
    public static ListInput Single(string file) => new(file, new Dictionary<string, string>());

    /// <summary>Every file that makes up the input, main file first, companions in role order.</summary>
    public IEnumerable<string> Files => Companions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).Prepend(MainFile);
}
