using Chokepoint.Analytics.Model;

namespace Chokepoint.Analytics.Store;

/// <summary>One imported version of a trade statistics file, with where it came from and what it covers.</summary>
public sealed record TradeDataset(
    long Id,
    string Name,
    int Version,
    string Format,
    string Publisher,
    string FileName,
    string Sha256,
    string Currency,
    string Valuation,
    TradePeriod First,
    TradePeriod Last,
    int RowsRead,
    int Observations,
    IReadOnlyList<string> Notes,
    string ImportedAt,
    string ImportedBy,
    bool Active)
{
    public bool Monthly => !First.IsYear;
}

/// <summary>What an import did: a new version, or nothing because the same file is already the active version.</summary>
public sealed record TradeImport(TradeDataset Dataset, bool Unchanged);
