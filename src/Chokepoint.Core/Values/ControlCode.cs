using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>The shapes a control code comes in; <see cref="Other"/> is a well-formed code of no known shape, which
/// the rules send to classification review rather than treat as uncontrolled.</summary>
public enum ControlCodeShape { Wassenaar, AnnexVii, Ear99, Other }

/// <summary>
/// A control-list entry as a regime writes it: Wassenaar-style ("3A001.a.1", also China's list and US ECCNs such as
/// 9A610), EU Regulation 833/2014 Annex VII ("X.A.I.001.a"), or EAR99. Whitespace inside, control characters, or more
/// than <see cref="MaxLength"/> characters are errors. The category letter is read case-insensitively.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<ControlCode>))]
public readonly record struct ControlCode : IDomainValue, IParsable<ControlCode>
{
    public const int MaxLength = 40;
    private readonly string? _value;

    private ControlCode(string value, ControlCodeShape shape) => (_value, Shape) = (value, shape);

    public string Value => _value ?? "";
    public ControlCodeShape Shape { get; }

    public static ControlCode Parse(string? text) =>
        TryParse(text, out var code) ? code : throw InvalidValueException.For("control code", text, $"a code such as 3A001.a.1, X.A.I.001.a or EAR99, at most {MaxLength} characters without spaces");

    public static bool TryParse([NotNullWhen(true)] string? text, out ControlCode code)
    {
        code = default;
        var t = text?.Trim();
        if (t is not { Length: > 0 and <= MaxLength } || t.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '(' or ')'))) return false;
        if (string.Equals(t, "EAR99", StringComparison.OrdinalIgnoreCase)) { code = new ControlCode("EAR99", ControlCodeShape.Ear99); return true; }
        if (t.Length >= 5 && char.IsAsciiDigit(t[0]) && char.IsAsciiLetter(t[1]) && char.ToUpperInvariant(t[1]) is >= 'A' and <= 'E')
            t = string.Concat(t[..1], char.ToUpperInvariant(t[1]).ToString(), t[2..]);
        code = new ControlCode(t, IsWassenaarStyle(t) ? ControlCodeShape.Wassenaar : IsAnnexVii(t) ? ControlCodeShape.AnnexVii : ControlCodeShape.Other);
        return true;
    }

    /// <summary>Category digit, group letter A-E, three digits, then dotted sub-paragraphs: "3A001.a.1".</summary>
    private static bool IsWassenaarStyle(string code)
    {
        if (code.Length < 5 || !char.IsAsciiDigit(code[0]) || code[1] is < 'A' or > 'E') return false;
        if (!char.IsAsciiDigit(code[2]) || !char.IsAsciiDigit(code[3]) || !char.IsAsciiDigit(code[4])) return false;
        if (code.Length == 5) return true;
        if (code[5] != '.') return false;
        return code[6..].Split('.').All(part => part.Length is > 0 and <= 4 && part.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>EU Reg 833/2014 Annex VII codes begin "X." ("X.A.I.001").</summary>
    private static bool IsAnnexVii(string code) => code.StartsWith("X.", StringComparison.Ordinal) && code.Length > 4;

    static ControlCode IParsable<ControlCode>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<ControlCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ControlCode result) => TryParse(s, out result);

    object IDomainValue.Primitive => Value;
    public override string ToString() => Value;
    public static implicit operator string(ControlCode code) => code.Value;
}
