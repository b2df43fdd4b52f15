using Chokepoint.Analytics.Model;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>One publisher's file format: the columns that identify it, and its reader.</summary>
public interface ITradeFormat
{
    /// <summary>The format's name as stored with each dataset: eurostat-comext, imf-imts, un-comtrade.</summary>
    string Name { get; }

    /// <summary>Whether a header row is this format's.</summary>
    bool Recognises(IReadOnlySet<string> header);

    TradeFile Read(string path);
}

/// <summary>Reads a trade statistics file of any known format, told apart by its header row.</summary>
public static class TradeFiles
{
    public static IReadOnlyList<ITradeFormat> Formats { get; } = [new EurostatComext(), new ImfImts(), new UnComtrade()];

    public static TradeFile Read(string path) => Detect(path).Read(path);

    public static ITradeFormat Detect(string path)
    {
        var (rows, _) = StatisticsText.CsvRows(path);
        var header = rows.FirstOrDefault();
        if (header.Fields is null) throw new ListFormatException(path, null, "the file is empty");
        var columns = header.Fields.Select(f => f.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Formats.FirstOrDefault(f => f.Recognises(columns))
            ?? throw new ListFormatException(path, ListFormatException.Line(1),
                $"not a trade statistics format this product reads ({string.Join(", ", Formats.Select(f => f.Name))}); the header starts {Short(string.Join(",", header.Fields))}");
    }

    private static string Short(string s) => s.Length <= 120 ? s : s[..120] + "...";

    internal static ListFormatException Bad(string path, long line, string problem) => new(path, ListFormatException.Line(line), problem);

    /// <summary>A figure as the publishers write it: digits with an optional decimal point and exponent; never negative.</summary>
    internal static double Amount(string path, long line, string column, string? cell)
    {
        if (cell is null) throw Bad(path, line, $"{column} is empty");
        if (!double.TryParse(cell, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent,
                System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Bad(path, line, $"{column} '{Short(cell)}' is not a non-negative number");
        return value;
    }
}
