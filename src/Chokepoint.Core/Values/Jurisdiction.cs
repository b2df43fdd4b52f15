using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>A body of export-control law Chokepoint decides under: CN (China's Export Control Law and dual-use
/// regulations), EU (Regulations 2021/821 and 833/2014), US (the EAR and OFAC). Anything else is an error.</summary>
[JsonConverter(typeof(TextValueJsonConverter<Jurisdiction>))]
public readonly record struct Jurisdiction : IDomainValue, IParsable<Jurisdiction>, IComparable<Jurisdiction>
{
    public static readonly Jurisdiction China = new("CN"), EuropeanUnion = new("EU"), UnitedStates = new("US");
    public static IReadOnlyList<Jurisdiction> All { get; } = [China, EuropeanUnion, UnitedStates];

    private readonly string? _code;

    private Jurisdiction(string code) => _code = code;

    public string Code => _code ?? "";

    public static Jurisdiction Parse(string? text) =>
        TryParse(text, out var j) ? j : throw InvalidValueException.For("jurisdiction", text, "CN, EU or US");

    public static bool TryParse([NotNullWhen(true)] string? text, out Jurisdiction jurisdiction)
    {
        jurisdiction = default;
        foreach (var j in All)
            if (string.Equals(text?.Trim(), j.Code, StringComparison.OrdinalIgnoreCase)) { jurisdiction = j; return true; }
        return false;
    }

    static Jurisdiction IParsable<Jurisdiction>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<Jurisdiction>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Jurisdiction result) => TryParse(s, out result);

    public int CompareTo(Jurisdiction other) => string.CompareOrdinal(Code, other.Code);
    object IDomainValue.Primitive => Code;
    public override string ToString() => Code;
    public static implicit operator string(Jurisdiction j) => j.Code;
}
