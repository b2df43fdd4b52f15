namespace Chokepoint.Analytics.Model;

/// <summary>What a figure counts: all goods (TOTAL, level 0) or a Harmonized System chapter, heading or subheading
/// (2, 4 or 6 digits; the level is the number of digits). A figure at one level already contains the levels below it,
/// so a total is taken from one level only.</summary>
public readonly record struct ProductCode
{
    public const string TotalCode = "TOTAL";

    private ProductCode(string code) => Code = code;

    public string Code { get; }
    public int Level => Code == TotalCode ? 0 : Code.Length;
    public bool IsTotal => Code == TotalCode;

    public static ProductCode Total { get; } = new(TotalCode);

    public static ProductCode Parse(string? text)
    {
        var t = (text ?? "").Trim().Replace(".", "", StringComparison.Ordinal);
        if (t.Equals(TotalCode, StringComparison.OrdinalIgnoreCase) || t.Equals("all", StringComparison.OrdinalIgnoreCase)) return Total;
        if (t.Length is 2 or 4 or 6 && t.All(char.IsAsciiDigit)) return new ProductCode(t);
        throw new TradeQueryException($"'{text}' is not a product; give TOTAL or an HS code of 2, 4 or 6 digits (85, 8703, 851713).");
    }

    /// <summary>Whether a figure for <paramref name="finer"/> is part of this product.</summary>
    public bool Contains(ProductCode finer) => IsTotal || (finer.Level > Level && finer.Code.StartsWith(Code, StringComparison.Ordinal));

    public override string ToString() => Code;
}
