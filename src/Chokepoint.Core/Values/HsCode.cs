using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>
/// A Harmonized System code as people write it ("8457.10", "8457 10 10", "8407101010"), kept as its digits: a chapter
/// (2), heading (4), subheading (6) or a national tariff line (8 or 10). Letters, odd lengths or more than 10 digits
/// are errors.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<HsCode>))]
public readonly record struct HsCode : IDomainValue, IParsable<HsCode>, IComparable<HsCode>
{
    private readonly string? _digits;

    private HsCode(string digits) => _digits = digits;

    public string Digits => _digits ?? "";
    public string Chapter => Digits[..Math.Min(2, Digits.Length)];

    /// <summary>The internationally agreed six digits, or null for a chapter or heading.</summary>
    public string? Subheading => Digits.Length >= 6 ? Digits[..6] : null;

    /// <summary>Whether this code is <paramref name="prefix"/> or lies under it ("847130" under "8471").</summary>
    public bool IsUnder(HsCode prefix) => Digits.StartsWith(prefix.Digits, StringComparison.Ordinal);

    public static HsCode Parse(string? text) =>
        TryParse(text, out var code) ? code : throw InvalidValueException.For("HS code", text, "2, 4, 6, 8 or 10 digits, dots and spaces allowed, such as 8457.10");

    public static bool TryParse([NotNullWhen(true)] string? text, out HsCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        Span<char> buffer = stackalloc char[10];
        var n = 0;
        foreach (var c in text.Trim())
        {
            if (c is '.' or ' ') continue;
            if (!char.IsAsciiDigit(c) || n == buffer.Length) return false;
            buffer[n++] = c;
        }
        if (n == 0 || n % 2 != 0) return false;
        code = new HsCode(new string(buffer[..n]));
        return true;
    }

    static HsCode IParsable<HsCode>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<HsCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out HsCode result) => TryParse(s, out result);

    public int CompareTo(HsCode other) => string.CompareOrdinal(Digits, other.Digits);
    object IDomainValue.Primitive => Digits;
    public override string ToString() => Digits;
    public static implicit operator string(HsCode code) => code.Digits;
}
