using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>
/// The name of one list as Chokepoint stores it ("us-ofac-sdn", "un-sc", "opensanctions-zala_cluster"): lower-case
/// letters and digits in words joined by single hyphens or underscores. Input is read case-insensitively; "un sc" or
/// "un/sc" is an error. Whether the list exists ("un_sc" does not) is the catalogue's question, not this type's.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<DatasetId>))]
public readonly record struct DatasetId : IDomainValue, IParsable<DatasetId>, IComparable<DatasetId>
{
    public const int MaxLength = 64;
    private readonly string? _value;

    private DatasetId(string value) => _value = value;

    public string Value => _value ?? "";

    public static DatasetId Parse(string? text) =>
        TryParse(text, out var id) ? id : throw InvalidValueException.For("list (dataset) name", text, "lower-case letters and digits in words joined by hyphens or underscores, such as us-ofac-sdn or un-sc");

    public static bool TryParse([NotNullWhen(true)] string? text, out DatasetId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToLowerInvariant();
        if (t.Length > MaxLength || !char.IsAsciiLetterOrDigit(t[0]) || !char.IsAsciiLetterOrDigit(t[^1])) return false;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) continue;
            if (c is not ('-' or '_') || t[i - 1] is '-' or '_') return false;
        }
        id = new DatasetId(t);
        return true;
    }

    static DatasetId IParsable<DatasetId>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<DatasetId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DatasetId result) => TryParse(s, out result);

    public int CompareTo(DatasetId other) => string.CompareOrdinal(Value, other.Value);
    object IDomainValue.Primitive => Value;
    public override string ToString() => Value;
    public static implicit operator string(DatasetId id) => id.Value;
}
