namespace Chokepoint.Sources.Snapshots;

/// <summary>How one file is imported. Defaults suit a person at the command line; updates set the guard.</summary>
public sealed record ImportOptions
{
    /// <summary>The format, when not to be detected from content ("ofac-csv").</summary>
    public string? Format { get; init; }

    /// <summary>The dataset the snapshot belongs to, when not the reader's default.</summary>
    public string? Dataset { get; init; }

    /// <summary>The publication date, used when the file does not state one.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Where the bytes came from, for the record (a URL for downloads); the path otherwise.</summary>
    public string? Source { get; init; }

    /// <summary>Files above this size are refused before reading: 1 GiB by default, ten times the largest real list.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Refuse the snapshot when it holds fewer than (1 - share) of the active snapshot's entities. Null: no guard.</summary>
    public double? MaxDropShare { get; init; }
}
