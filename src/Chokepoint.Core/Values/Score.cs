using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Chokepoint.Core.Values;

/// <summary>How alike two names are, from 0 (nothing in common) to 1 (the same): a screening threshold is one.
/// NaN, negatives and values above 1 are errors, so that "--threshold 85" cannot silently mean "nothing is a hit".</summary>
public readonly record struct Score : IDomainValue, IParsable<Score>, IComparable<Score>
{
    public double Value { get; }

    public Score(double value)
    {
        if (!(value is >= 0 and <= 1)) throw InvalidValueException.For("score", value.ToString(CultureInfo.InvariantCulture), "a number from 0 to 1, such as 0.85");
        Value = value;
    }

    public static Score Parse(string? text) =>
        TryParse(text, out var s) ? s : throw InvalidValueException.For("score", text, "a number from 0 to 1, such as 0.85");

    public static bool TryParse([NotNullWhen(true)] string? text, out Score score)
    {
        score = default;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 1) return false;
        score = new Score(v);
        return true;
    }

    static Score IParsable<Score>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<Score>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Score result) => TryParse(s, out result);

    public int CompareTo(Score other) => Value.CompareTo(other.Value);
    object IDomainValue.Primitive => Value;
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture);
    public static implicit operator double(Score s) => s.Value;
}
