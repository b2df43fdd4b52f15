namespace Chokepoint.Sources.Reading;

/// <summary>What a reader learns besides the entities: the publication date and the count a file states about itself,
/// and rows it skipped (with their place), so nothing is dropped silently.</summary>
public sealed class ReadReport
{
    private readonly List<string> _skipped = [];

    /// <summary>Publication date from the file's own header, where it has one.</summary>
    public DateOnly? Published { get; set; }

    /// <summary>The entry count the file states about itself (OFAC Record_Count), checked against what was read.</summary>
    public int? StatedCount { get; set; }

    public IReadOnlyList<string> Skipped => _skipped;

    public void Skip(string location, string why) => _skipped.Add($"{location}: {why}");
}
