namespace Chokepoint.Rules.RuleData;

/// <summary>
/// The days a rule is in force: from <see cref="From"/> (inclusive) until <see cref="To"/> (exclusive), open-ended when
/// To is null. Half-open, so that a rule replaced on a date and its successor never both apply on that date.
/// </summary>
public readonly record struct DateRange
{
    public DateOnly From { get; }
    public DateOnly? To { get; }

    public DateRange(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end <= from) throw new ArgumentException($"A date range cannot end ({end:yyyy-MM-dd}) on or before it starts ({from:yyyy-MM-dd}).");
        (From, To) = (from, to);
    }

    public bool Contains(DateOnly day) => day >= From && (To is null || day < To);

    public override string ToString() => To is { } end ? $"{From:yyyy-MM-dd}..{end:yyyy-MM-dd}" : $"from {From:yyyy-MM-dd}";
}
