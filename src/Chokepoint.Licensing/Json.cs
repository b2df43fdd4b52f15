using Chokepoint.Core.Identity;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Licensing;

/// <summary>The one JSON shape the module stores and audits records in (camelCase, enums as names).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("Stored JSON was null.");
}
