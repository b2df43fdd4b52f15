namespace Chokepoint.Analytics.Model;

/// <summary>One published figure: what <paramref name="Reporter"/> says it imported from or exported to
/// <paramref name="Partner"/>, of one product, in one period, valued in the dataset's currency; the quantity where the
/// publisher gives one, in its unit ("u" for items, "kg").</summary>
public sealed record TradeObservation(
    TradeArea Reporter,
    TradeArea Partner,
    TradeFlow Flow,
    ProductCode Product,
    TradePeriod Period,
    double Value,
    double? Quantity = null,
    string? Unit = null);

/// <summary>What a file holds, read in full: its figures and the facts the store keeps as provenance.</summary>
public sealed record TradeFile(
    string Format,
    string Publisher,
    string Currency,
    string Valuation,
    IReadOnlyList<TradeObservation> Observations,
    int RowsRead,
    IReadOnlyList<string> Notes);
