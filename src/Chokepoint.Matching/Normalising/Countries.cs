using System.Globalization;

namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Country names and codes as publishers write them ("Iran", "IR", "ir", "IRAN (ISLAMIC REPUBLIC OF)", "Russian
/// Federation", "Korea, North", "Burma") to ISO 3166 alpha-2. Names come from the platform's ICU region data; the
/// aliases below are the official long forms and older names used by the UN, OFAC, OFSI and the EU.
/// </summary>
public static class Countries
{
    private static readonly (string Name, string Code)[] Aliases =
    [
        ("russian federation", "RU"), ("iran islamic republic of", "IR"), ("islamic republic of iran", "IR"),
        ("korea north", "KP"), ("north korea", "KP"), ("democratic people s republic of korea", "KP"), ("dprk", "KP"),
        ("korea democratic people s republic of", "KP"), ("korea south", "KR"), ("republic of korea", "KR"),
        ("burma", "MM"), ("myanmar", "MM"), ("syrian arab republic", "SY"), ("syria", "SY"), ("lao people s democratic republic", "LA"),
        ("venezuela bolivarian republic of", "VE"), ("bolivia plurinational state of", "BO"), ("tanzania united republic of", "TZ"),
        ("united republic of tanzania", "TZ"), ("democratic republic of the congo", "CD"), ("congo democratic republic of the", "CD"),
        ("congo", "CG"), ("republic of the congo", "CG"), ("cote d ivoire", "CI"), ("ivory coast", "CI"), ("turkey", "TR"), ("turkiye", "TR"),
        ("czech republic", "CZ"), ("united kingdom", "GB"), ("uk", "GB"), ("great britain", "GB"), ("united states", "US"), ("usa", "US"),
        ("united states of america", "US"), ("china", "CN"), ("people s republic of china", "CN"), ("hong kong", "HK"), ("macau", "MO"),
        ("taiwan", "TW"), ("palestinian", "PS"), ("palestine", "PS"), ("occupied palestinian territory", "PS"), ("west bank", "PS"),
        ("gaza", "PS"), ("kyrgyzstan", "KG"), ("kyrgyz republic", "KG"), ("moldova republic of", "MD"), ("republic of moldova", "MD"),
        ("crimea", "UA"), ("belarus", "BY"), ("uae", "AE"), ("united arab emirates", "AE"), ("kosovo", "XK"), ("vatican", "VA"),
        ("holy see", "VA"), ("micronesia federated states of", "FM"), ("macedonia", "MK"), ("north macedonia", "MK"),
        ("swaziland", "SZ"), ("eswatini", "SZ"), ("cape verde", "CV"), ("east timor", "TL"), ("timor leste", "TL"),
    ];

    private static readonly Dictionary<string, string> ByName = Build();
    private static readonly HashSet<string> Codes = [.. ByName.Values, "XK"];

    /// <summary>The ISO alpha-2 code, or null for text that names no country.</summary>
    public static string? ToCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length == 2 && char.IsAsciiLetter(t[0]) && char.IsAsciiLetter(t[1]))
        {
            var code = t.ToUpperInvariant();
            return Codes.Contains(code) ? code : null;
        }
        return ByName.TryGetValue(Key(t), out var c) ? c : null;
    }

    private static string Key(string text) => string.Join(' ', NameNormalizer.Tokenize(text));

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var a = 'A'; a <= 'Z'; a++)
        for (var b = 'A'; b <= 'Z'; b++)
        {
            var code = $"{a}{b}";
            try
            {
                var region = new RegionInfo(code);
                if (region.TwoLetterISORegionName != code) continue;
                map.TryAdd(Key(region.EnglishName), code);
                map.TryAdd(Key(region.NativeName), code);
                map.TryAdd(code.ToLowerInvariant(), code);
            }
            catch (ArgumentException)
            {
            }
        }
        foreach (var (name, code) in Aliases) map[Key(name)] = code;
        return map;
    }
}
