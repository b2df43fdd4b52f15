using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>
/// A country as ISO 3166-1 alpha-2 ("KZ", "AE"), or a user-assigned code lists use (XK, Kosovo); the table is
/// Data/countries.tsv. "QQ" or "Kazakhstan" is an error: a destination no rule knows would otherwise decide nothing.
/// Input is read case-insensitively.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<CountryCode>))]
public readonly record struct CountryCode : IDomainValue, IParsable<CountryCode>, IComparable<CountryCode>
{
    private static readonly FrozenDictionary<string, string> Names = Load();
    private readonly string? _value;

    private CountryCode(string value) => _value = value;

    public string Value => _value ?? "";
    public string Name => Names.GetValueOrDefault(Value, "");

    /// <summary>Every code accepted, with its name.</summary>
    public static IReadOnlyDictionary<string, string> Known => Names;

    public static CountryCode Parse(string? text) =>
        TryParse(text, out var code) ? code : throw InvalidValueException.For("country code", text, "an ISO 3166-1 alpha-2 code such as DE, KZ or AE");

    public static bool TryParse([NotNullWhen(true)] string? text, out CountryCode code)
    {
        code = default;
        if (text is not { Length: 2 }) return false;
        var t = text.ToUpperInvariant();
        if (!Names.ContainsKey(t)) return false;
        code = new CountryCode(t);
        return true;
    }

    static CountryCode IParsable<CountryCode>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<CountryCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CountryCode result) => TryParse(s, out result);

    public int CompareTo(CountryCode other) => string.CompareOrdinal(Value, other.Value);
    object IDomainValue.Primitive => Value;
    public override string ToString() => Value;
    public static implicit operator string(CountryCode code) => code.Value;

    private static FrozenDictionary<string, string> Load()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in DataFile.Rows("countries.tsv", "code", "name", "source"))
            if (row[0].Length != 2 || !row[0].All(char.IsAsciiLetterUpper) || !names.TryAdd(row[0], row[1]))
                throw new InvalidDataException($"countries.tsv: bad or repeated code '{row[0]}'");
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
