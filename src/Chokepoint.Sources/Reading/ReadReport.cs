namespace Chokepoint.Sources.Reading;

/// <summary>What a reader learns besides the entities: the publication date and the count a file states about itself,
/// and notes about rows it could not take as they were (with their place), so nothing is dropped silently.</summary>
public sealed class ReadReport
{
    private readonly List<string> _notes = [];

    /// <summary>Publication date from the file's own header, where it has one.</summary>
    public DateOnly? Published { get; set; }

    /// <summary>The entry count the file states about itself (OFAC Record_Count), checked against what was read.</summary>
    public int? StatedCount { get; set; }

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Rows read from each companion file by its role ("alt", "add", "comments").</summary>
    public SortedDictionary<string, int> Parts { get; } = new(StringComparer.Ordinal);

    public void Note(string location, string what) => _notes.Add($"{location}: {what}");
}
