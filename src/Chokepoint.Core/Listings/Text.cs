namespace Chokepoint.Core.Listings;

/// <summary>Small string rules shared by every reader.</summary>
public static class Text
{
    /// <summary>Trims, and turns empty or whitespace-only strings into null.</summary>
    public static string? NullIfBlank(this string? value)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
