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

    /// <summary>Refuse the snapshot when its entries, names, a kind, a source list or a companion file fall below
    /// (1 - share) of the active snapshot's (<see cref="DropGuard"/>). Real lists shrink by a few entries at a time.</summary>
    public double MaxDropShare { get; init; } = DefaultMaxDropShare;

    public const double DefaultMaxDropShare = 0.10;

    /// <summary>Take a snapshot the drop guard would refuse: a deliberate shrink, recorded with its figures.</summary>
    public bool AcceptDrop { get; init; }
}
