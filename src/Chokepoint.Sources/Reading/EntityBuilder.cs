using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;

namespace Chokepoint.Sources.Reading;

/// <summary>
/// Collects one entity's parts while a reader walks a record, dropping blanks and exact repeats (publishers repeat a
/// name once per language or per regulation), and removing control characters that no database should store.
/// </summary>
public sealed class EntityBuilder(string sourceId, string sourceList, EntityKind kind)
{
    private readonly List<EntityName> _names = [];
    private readonly List<Identifier> _ids = [];
    private readonly List<string> _nationalities = [];
    private readonly List<string> _countries = [];
    private readonly List<BirthDate> _birthDates = [];
    private readonly List<string> _birthPlaces = [];
    private readonly List<Address> _addresses = [];
    private readonly List<string> _programmes = [];
    private readonly List<string> _remarks = [];
    private readonly SortedDictionary<string, string> _attributes = new(StringComparer.Ordinal);

    public string SourceId { get; } = Cells.Clean(sourceId) ?? throw new ArgumentException("An entity needs the publisher's id.", nameof(sourceId));
    public EntityKind Kind { get; } = kind;
    public string SourceList { get; } = sourceList;
    public DateOnly? ListedOn { get; set; }
    public bool HasNames => _names.Count > 0;

    public EntityBuilder Name(string? value, NameType type, string? language = null)
    {
        var v = Cells.Clean(value);
        if (v is null) return this;
        var name = new EntityName(v, type, Cells.Clean(language));
        if (!_names.Contains(name)) _names.Add(name);
        return this;
    }

    public EntityBuilder Id(string? type, string? value, string? country = null, string? note = null)
    {
        var v = Cells.Clean(value);
        if (v is null) return this;
        var id = new Identifier(Cells.Clean(type) ?? "Identifier", v, Cells.Clean(country), Cells.Clean(note));
        if (!_ids.Contains(id)) _ids.Add(id);
        return this;
    }

    public EntityBuilder Nationality(string? value) => AddDistinct(_nationalities, value);
    public EntityBuilder Country(string? value) => AddDistinct(_countries, value);
    public EntityBuilder BirthPlace(string? value) => AddDistinct(_birthPlaces, value);
    public EntityBuilder Programme(string? value) => AddDistinct(_programmes, value);

    public EntityBuilder BirthDate(BirthDate? value)
    {
        if (value is not null && !_birthDates.Contains(value)) _birthDates.Add(value);
        return this;
    }

    public EntityBuilder BirthDate(string? text) => BirthDate(Core.Listings.BirthDate.Parse(Cells.Clean(text)));

    public EntityBuilder Address(Address? value)
    {
        if (value is null || Cells.Clean(value.Text) is null) return this;
        if (!_addresses.Contains(value)) _addresses.Add(value);
        return this;
    }

    public EntityBuilder Remark(string? value)
    {
        var v = value?.Trim();
        if (!string.IsNullOrEmpty(v) && !_remarks.Contains(v)) _remarks.Add(Cells.RemoveControls(v));
        return this;
    }

    /// <summary>Keeps a publisher field with no place of its own; a repeated key keeps every distinct value, joined by "; ".</summary>
    public EntityBuilder Attribute(string key, string? value)
    {
        var v = Cells.Clean(value);
        if (v is null) return this;
        if (!_attributes.TryGetValue(key, out var existing)) _attributes[key] = v;
        else if (!existing.Split("; ").Contains(v)) _attributes[key] = existing + "; " + v;
        return this;
    }

    /// <summary>Builds the entity; an entry without any name cannot be screened, so it is an error the reader must report.</summary>
    public ListedEntity Build()
    {
        if (_names.Count == 0) throw new InvalidOperationException($"Entry {SourceId} has no name.");
        // The first primary name leads, whatever order the publisher used.
        var primary = _names.FindIndex(n => n.Type == NameType.Primary);
        var names = primary <= 0 ? _names.ToList() : _names.Skip(primary).Take(1).Concat(_names.Take(primary)).Concat(_names.Skip(primary + 1)).ToList();
        return new ListedEntity
        {
            SourceId = SourceId,
            SourceList = SourceList,
            Kind = Kind,
            Names = names,
            Identifiers = _ids.ToList(),
            Nationalities = _nationalities.ToList(),
            Countries = _countries.ToList(),
            BirthDates = _birthDates.ToList(),
            BirthPlaces = _birthPlaces.ToList(),
            Addresses = _addresses.ToList(),
            Programmes = _programmes.ToList(),
            ListedOn = ListedOn,
            Remarks = _remarks.Count == 0 ? null : string.Join("\n", _remarks),
            Attributes = new SortedDictionary<string, string>(_attributes, StringComparer.Ordinal),
        };
    }

    private EntityBuilder AddDistinct(List<string> list, string? value)
    {
        var v = Cells.Clean(value);
        if (v is not null && !list.Contains(v)) list.Add(v);
        return this;
    }
}
