namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Romanised East Slavic patronymics ("Gennadievich", "Oleksandrovych", "Aliaksandravich", "Petrovna", "Oleksiivna")
/// and the Turkic "ogly" / "kyzy": middle names that one side of a match often leaves out (lists in Latin script
/// mostly do, Cyrillic documents and registers mostly do not).
/// </summary>
public static class Patronymics
{
    private static readonly string[] Endings = ["ovich", "evich", "ovych", "evych", "avich", "ovna", "evna", "ivna", "avna", "auna"];
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "ogly", "oglu", "ogli", "kyzy", "qizi", "gizi" };

    public static bool Is(string token)
    {
        if (Particles.Contains(token)) return true;
        if (token.Length < 7) return false;
        foreach (var e in Endings)
            if (token.EndsWith(e, StringComparison.Ordinal)) return true;
        return false;
    }
}
