using Chokepoint.Core.Values;

namespace Chokepoint.Rules.Decisions;

/// <summary>
/// Where the decision engine reads licences and their balances. The licensing module owns licences; the engine only
/// reads them, and never draws down: it says what a drawdown would be.
/// </summary>
public interface ILicenceBook
{
    LicenceView? Find(string number);
}

/// <summary>A licence as the engine reads it. ValidTo is the last day it may be used, as the licence itself states.</summary>
public sealed record LicenceView(
    string Number,
    string Jurisdiction,
    string Type,
    string Status,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    IReadOnlyList<LicenceLineView> Lines)
{
    public DateRange Validity => DateRange.Through(ValidFrom, ValidTo);
}

/// <summary>One licence line. Null quantity or value: not controlled by it. EndUsers or Destinations empty: any.</summary>
public sealed record LicenceLineView(
    int Line,
    string? ControlCode,
    string? HsCode,
    decimal? Quantity,
    decimal QuantityUsed,
    string? Unit,
    decimal? Value,
    decimal ValueUsed,
    string? Currency,
    IReadOnlyList<string> EndUsers,
    IReadOnlyList<string> Destinations);

/// <summary>A fixed set of licences, for files given on the command line and for tests.</summary>
public sealed class LicenceList(IEnumerable<LicenceView> licences) : ILicenceBook
{
    private readonly Dictionary<string, LicenceView> _byNumber = licences.ToDictionary(l => l.Number, StringComparer.OrdinalIgnoreCase);

    public static readonly LicenceList Empty = new([]);

    public LicenceView? Find(string number) => _byNumber.GetValueOrDefault(number);
}
