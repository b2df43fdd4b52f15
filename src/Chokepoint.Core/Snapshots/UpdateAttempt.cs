namespace Chokepoint.Core.Snapshots;

public enum UpdateOutcome
{
    /// <summary>A new snapshot was imported and is now active.</summary>
    Imported,
    /// <summary>The file was identical to a snapshot already held.</summary>
    Unchanged,
    /// <summary>The download was refused (did not parse, wrong format, count collapse); the last good snapshot keeps serving.</summary>
    Refused,
    /// <summary>The publisher could not be reached.</summary>
    Unreachable,
    /// <summary>A person made a snapshot the active one by hand (chokepoint lists activate).</summary>
    Activated,
    /// <summary>A snapshot the drop guard would refuse was taken with --accept-drop.</summary>
    AcceptedDrop,
}

/// <summary>One try at refreshing a dataset, kept so that a refusal is visible after the fact.</summary>
public sealed record UpdateAttempt(string Dataset, DateTimeOffset At, string Source, UpdateOutcome Outcome, string Message, long? SnapshotId);
