using System.Globalization;

namespace Chokepoint.Rules.Shipments;

/// <summary>Readings of party facts that several rules share.</summary>
public static class PartyFacts
{
    public static bool Has(this Party p, string role) => p.Roles.Contains(role);

    /// <summary>"2023", "2023-02" or "2023-02-14" as the first day it can mean.</summary>
    public static DateOnly? Incorporated(string text)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }
}
