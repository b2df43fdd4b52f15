using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Listings;

/// <summary>The stored form of a listed entity: compact JSON (camelCase, enums as names, empty parts left out).
/// The digest of that JSON tells whether an entry changed between two snapshots.</summary>
public static class ListingJson
{
    public static byte[] Serialize(ListedEntity entity) => JsonSerializer.SerializeToUtf8Bytes(entity, ListingJsonContext.Default.ListedEntity);

    public static ListedEntity Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, ListingJsonContext.Default.ListedEntity)
        ?? throw new InvalidDataException("A stored entity is empty.");

    public static ListedEntity Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ListingJsonContext.Default.ListedEntity)
        ?? throw new InvalidDataException("A stored entity is empty.");

    /// <summary>First 16 bytes of the SHA-256 of the stored JSON, as hex.</summary>
    public static string Digest(ReadOnlySpan<byte> utf8Json) => Convert.ToHexStringLower(SHA256.HashData(utf8Json)[..16]);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ListedEntity))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ListingJsonContext : JsonSerializerContext;
