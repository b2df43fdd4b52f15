namespace Chokepoint.Core.Listings;

/// <summary>A postal address; <see cref="Text"/> is the whole address as one line, the parts are kept where the publisher splits them.</summary>
public sealed record Address(
    string Text,
    string? Street = null,
    string? City = null,
    string? Region = null,
    string? PostalCode = null,
    string? Country = null)
{
    /// <summary>Joins the non-empty parts with ", " into one line.</summary>
    public static Address FromParts(string? street, string? city, string? region, string? postalCode, string? country)
    {
        var text = string.Join(", ", new[] { street, city, region, postalCode, country }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new Address(text, street.NullIfBlank(), city.NullIfBlank(), region.NullIfBlank(), postalCode.NullIfBlank(), country.NullIfBlank());
    }
}
