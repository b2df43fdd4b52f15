using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>The number of one imported snapshot: positive, assigned by the database. Written as a JSON number.</summary>
[JsonConverter(typeof(SnapshotIdJsonConverter))]
public readonly record struct SnapshotId : IDomainValue, IParsable<SnapshotId>, IComparable<SnapshotId>
{
    public long Value { get; }

    public SnapshotId(long value)
    {
        if (value < 1) throw InvalidValueException.For("snapshot id", value.ToString(CultureInfo.InvariantCulture), "a positive whole number");
        Value = value;
    }

    public static SnapshotId Parse(string? text) =>
        TryParse(text, out var id) ? id : throw InvalidValueException.For("snapshot id", text, "a positive whole number such as 12");

    public static bool TryParse([NotNullWhen(true)] string? text, out SnapshotId id)
    {
        id = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1) return false;
        id = new SnapshotId(n);
        return true;
    }

    static SnapshotId IParsable<SnapshotId>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<SnapshotId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SnapshotId result) => TryParse(s, out result);

    public int CompareTo(SnapshotId other) => Value.CompareTo(other.Value);
    object IDomainValue.Primitive => Value;
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    public static implicit operator long(SnapshotId id) => id.Value;
}

internal sealed class SnapshotIdJsonConverter : JsonConverter<SnapshotId>
{
    public override SnapshotId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n > 0
            ? new SnapshotId(n)
            : throw new JsonException("A snapshot id is a positive whole number.");

    public override void Write(Utf8JsonWriter writer, SnapshotId value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}
