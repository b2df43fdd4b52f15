using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Chokepoint.Core.Values;

/// <summary>
/// One listed party across snapshots: the list and the publisher's own id, written "us-ofac-sdn:12345". Publisher ids
/// may themselves contain colons (UN "QDi.001" does not, OpenSanctions ids may), so only the first colon separates.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<EntityRef>))]
public readonly record struct EntityRef : IDomainValue, IParsable<EntityRef>
{
    public const int MaxSourceIdLength = 200;
    private readonly string? _sourceId;

    public EntityRef(DatasetId dataset, string sourceId)
    {
        if (!ValidSourceId(sourceId)) throw InvalidValueException.For("publisher id", sourceId, $"1 to {MaxSourceIdLength} characters without control characters");
        (Dataset, _sourceId) = (dataset, sourceId);
    }

    public DatasetId Dataset { get; }
    public string SourceId => _sourceId ?? "";

    public static EntityRef Parse(string? text) =>
        TryParse(text, out var r) ? r : throw InvalidValueException.For("entity reference", text, "a list name, a colon and the publisher's id, such as us-ofac-sdn:12345");

    public static bool TryParse([NotNullWhen(true)] string? text, out EntityRef entity)
    {
        entity = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 1 || !DatasetId.TryParse(text![..colon], out var dataset) || !ValidSourceId(text[(colon + 1)..])) return false;
        entity = new EntityRef(dataset, text[(colon + 1)..]);
        return true;
    }

    private static bool ValidSourceId(string? id) =>
        id is { Length: > 0 and <= MaxSourceIdLength } && id.Trim().Length == id.Length && !id.Any(char.IsControl);

    static EntityRef IParsable<EntityRef>.Parse(string s, IFormatProvider? provider) => Parse(s);
    static bool IParsable<EntityRef>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EntityRef result) => TryParse(s, out result);

    object IDomainValue.Primitive => ToString();
    public override string ToString() => $"{Dataset}:{SourceId}";
}
