using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>Reads and writes a value type as its text form; text that does not parse is a JSON error naming the value.</summary>
public sealed class TextValueJsonConverter<T> : JsonConverter<T> where T : IParsable<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, found {reader.TokenType}.");
        try { return T.Parse(reader.GetString()!, CultureInfo.InvariantCulture); }
        catch (InvalidValueException e) { throw new JsonException(e.Message, e); }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString()!);
}
