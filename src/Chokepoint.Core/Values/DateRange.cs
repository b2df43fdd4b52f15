namespace Chokepoint.Core.Values;

/// <summary>
/// Days something is in force: from <see cref="From"/> (inclusive) until <see cref="To"/> (exclusive), open-ended when
/// To is null. One convention for rules and licences: half-open, so that a rule replaced on a date and its successor
/// never both apply on that date. Documents that name a last day ("valid to 2026-03-31", as licences do) are built
/// with <see cref="Through"/>.
/// </summary>
public readonly record struct DateRange
{
    public DateOnly From { get; }
    public DateOnly? To { get; }

    public DateRange(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end <= from) throw new InvalidValueException($"A date range cannot end ({end:yyyy-MM-dd}) on or before it starts ({from:yyyy-MM-dd}).");
        (From, To) = (from, to);
    }

    /// <summary>From <paramref name="first"/> up to and including <paramref name="last"/>.</summary>
    public static DateRange Through(DateOnly first, DateOnly last) =>
        last < first
            ? throw new InvalidValueException($"A period cannot end ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd}).")
            : new DateRange(first, last.AddDays(1));

    /// <summary>The last day in force, or null when open-ended.</summary>
    public DateOnly? LastDay => To?.AddDays(-1);

    public bool Contains(DateOnly day) => day >= From && (To is null || day < To);

    public override string ToString() => LastDay is { } last ? $"{From:yyyy-MM-dd} to {last:yyyy-MM-dd}" : $"from {From:yyyy-MM-dd}";
}
