namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Romanised East Slavic patronymics ("Gennadievich", "Oleksandrovych", "Aliaksandravich", "Petrovna", "Oleksiivna")
/// and the Turkic "ogly" / "kyzy": middle names that one side of a match often leaves out (lists in Latin script
/// mostly do, Cyrillic documents and registers mostly do not).
/// </summary>
public static class Patronymics
{
    // Longer endings first: GivenNames cuts the first that fits to find the name a patronymic is made from
    // ("sergi|yovich" → sergiy, "aleksandr|ovich").
    internal static readonly string[] MaleEndings = ["iyovich", "yovich", "iovych", "yovych", "ovich", "evich", "ovych", "evych", "avich"];
    internal static readonly string[] FemaleEndings = ["iivna", "yivna", "ovna", "evna", "ivna", "auna", "avna"];
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "ogly", "oglu", "ogli", "kyzy", "qizi", "gizi" };

    public static bool Is(string token)
    {
        if (Particles.Contains(token)) return true;
        if (token.Length < 7) return false;
        foreach (var e in MaleEndings)
            if (token.EndsWith(e, StringComparison.Ordinal)) return true;
        foreach (var e in FemaleEndings)
            if (token.EndsWith(e, StringComparison.Ordinal)) return true;
        return false;
    }
}
