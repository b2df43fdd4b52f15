namespace Chokepoint.Analytics.Model;

/// <summary>Which way goods cross the reporter's border. Stored as M and X, the letters UN Comtrade uses.</summary>
public enum TradeFlow
{
    Import,
    Export,
}

public static class TradeFlows
{
    public static string Letter(this TradeFlow flow) => flow == TradeFlow.Import ? "M" : "X";

    public static TradeFlow FromLetter(string letter) => letter switch
    {
        "M" => TradeFlow.Import,
        "X" => TradeFlow.Export,
        _ => throw new InvalidDataException($"'{letter}' is not a stored trade flow (M or X)."),
    };

    /// <summary>A flow as a person writes it: import/imports/M, export/exports/X.</summary>
    public static TradeFlow Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "import" or "imports" or "m" => TradeFlow.Import,
        "export" or "exports" or "x" => TradeFlow.Export,
        _ => throw new TradeQueryException($"'{text}' is not a trade flow; say import or export."),
    };

    public static string Word(this TradeFlow flow) => flow == TradeFlow.Import ? "imports" : "exports";
}
