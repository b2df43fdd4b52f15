namespace Chokepoint.Matching.Normalising;

/// <summary>
/// East Slavic given names written the Russian, Ukrainian or Belarusian way, in the romanisations lists and our
/// transliteration produce, reduced to one form: "Oleksandr" (Олександр), "Aliaksandr" (Аляксандр) and "Alexander" are
/// one name, and so are the patronymics made from them ("Oleksandrovych", "Aliaksandravich" → "aleksandrovich").
/// Sanctions lists name a Russian national the Russian way while Ukrainian and Belarusian registers and lists write the
/// same person their way; edit distance alone cannot see that "Yevhen" is "Evgeny". Written for Chokepoint from the
/// usual national and BGN/PCGN romanisations; every form is a lower-case normalised token.
/// </summary>
public static class GivenNames
{
    private static readonly string[][] Variants =
    [
        ["aleksandr", "alexander", "alexandr", "aleksander", "oleksandr", "olexandr", "alyaksandr", "aliaksandr", "aleksandar"],
        ["aleksey", "alexey", "aleksei", "alexei", "alexej", "oleksiy", "oleksii", "olexiy", "oleksij", "aliaksei", "alyaksey", "alyaksei", "aleksee-", "alexee-"],
        ["evgeniy", "evgeny", "evgenii", "evgenij", "yevgeniy", "yevgeny", "yevgenii", "ievgen", "ievgeniy", "yevhen", "yevgen-", "ievhen", "evhen", "evgen-", "evgeni-", "yevgeni-", "yaugen", "yauhen", "jauhen", "ievgeni-"],
        ["sergey", "sergei", "sergej", "serguei", "sergiy", "serhiy", "serhii", "sergii", "syargey", "siarhei", "siarhey", "serge-"],
        ["igor", "ihor", "igar", "ihar"],
        ["andrey", "andrei", "andrej", "andriy", "andrii", "andrij"],
        ["yuriy", "yuri", "yury", "yurii", "iurii", "iuriy", "yurij", "yuryy", "jurij", "yur-", "yuriyi-"],
        ["dmitriy", "dmitry", "dmitrii", "dmitrij", "dmitri-", "dmytro", "dmitro", "dzmitry", "dzmitryy", "dzmitri-", "dmytr-", "dzmitr-"],
        ["nikolay", "nikolai", "nikolaj", "mykola", "mikola", "mykolai-", "mikolay", "mykolay", "mikalay", "mikalai", "nikola-"],
        ["vladimir", "volodymyr", "volodimir", "uladzimir", "uladzimer", "vladimer"],
        ["mikhail", "mikhayl-", "mikhaylo", "mykhailo", "mykhaylo", "mikhailo", "mikhas", "mikhal-", "mykhail-", "mikhaile-"],
        ["vasiliy", "vasily", "vasilii", "vasilij", "vasyl", "vasil", "vasili-", "vasilyi-", "vasyli-"],
        ["grigoriy", "grigory", "grigorii", "grigorij", "hryhoriy", "hryhorii", "grigoriyi-", "ryhor", "rygor", "grigor-", "hryhor-"],
        ["konstantin", "kostyantin", "kostiantyn", "kostyantyn", "kanstantsin", "kanstantin-"],
        ["georgiy", "georgy", "georgii", "georgij", "heorhiy", "heorhii", "georgi-", "heorhi-", "georg-"],
        ["vyacheslav", "viacheslav", "vyachaslau", "viachaslau"],
        ["anatoliy", "anatoly", "anatolii", "anatolij", "anatol-", "anatoli-"],
        ["valeriy", "valery", "valerii", "valerij", "valeryy", "valer-", "valeri-"],
        ["vitaliy", "vitaly", "vitalii", "vitalij", "vital-", "vitali-"],
        ["oleg", "oleh", "aleg", "aleh"],
        ["gennadiy", "gennady", "gennadii", "gennadij", "hennadiy", "hennadii", "henadz", "genadz", "gennadi-", "hennadi-"],
        ["viktor", "victor", "viktar"],
        ["stanislav", "stanislau"],
        ["yaroslav", "iaroslav", "yaraslau"],
        ["vadim", "vadym"],
        ["petr", "pyotr", "piotr", "petro", "pyatro", "piatro"],
        ["pavel", "pavlo", "pavl-", "paval"],
        ["fedor", "fyodor", "fiodor", "fedir", "fiodar", "fyodar"],
        ["artem", "artyom", "artiom", "artsem", "artsiom"],
        ["maksim", "maxim", "maksym", "maksimilian"],
        ["kirill", "kyrylo", "kirilo", "kiryl"],
        ["ilya", "illia", "illya", "ilia", "ilja"],
        ["denis", "denys"],
        ["boris", "borys", "baris"],
        ["leonid", "leanid"],
        ["tatyana", "tatiana", "tetyana", "tetiana", "tatsiana", "tatsyana"],
        ["natalya", "natalia", "nataliya", "nataliia", "natallia", "natallya"],
        ["irina", "iryna"],
        ["elena", "yelena", "olena", "alena", "alyona", "helena"],
        ["ekaterina", "yekaterina", "katerina", "kateryna", "katsiaryna", "katsyaryna"],
        ["mariya", "maria", "marija", "mariia"],
        ["olga", "olha", "volha"],
        ["svetlana", "svitlana", "sviatlana", "svyatlana"],
        ["lyudmila", "liudmila", "ludmila", "liudmyla", "lyudmyla"],
        ["galina", "halyna", "halina"],
        ["nadezhda", "nadiya", "nadiia", "nadzeya", "nadzeia"],
        ["yuliya", "yulia", "iuliia", "yuliia", "julia"],
        ["oksana", "oxana", "aksana"],
        ["larisa", "larysa"],
        ["ivan"],
    ];

    // A patronymic's ending and the one form it is rewritten to: male "ovich", female "ovna".
    private static readonly (string[] Endings, string Canonical)[] PatronymicEndings =
        [(Patronymics.MaleEndings, "ovich"), (Patronymics.FemaleEndings, "ovna")];

    // A form ending in "-" is only a patronymic's stem ("valer|evich", "pavl|ovich"), never a name on its own: "vital"
    // alone is an English word.
    private static readonly Dictionary<string, string> Names = Build(stems: false);
    private static readonly Dictionary<string, string> Stems = Build(stems: true);

    /// <summary>The one form of a given name or a patronymic made from one; any other token unchanged.</summary>
    public static string Canonicalise(string token)
    {
        if (token.Length < 3) return token;
        if (Names.TryGetValue(token, out var name)) return name;
        if (token.Length < 7) return token;
        foreach (var (endings, canonicalEnding) in PatronymicEndings)
            foreach (var e in endings)
            {
                if (!token.EndsWith(e, StringComparison.Ordinal)) continue;
                var stem = token[..^e.Length];
                // "serge|evich" → sergey, "nikola|evich" → nikolay, "valer|evich" → valeriy: the stem, or it completed.
                foreach (var given in new[] { stem, stem + "y", stem + "iy", stem + "i" })
                    if (Names.TryGetValue(given, out var g) || Stems.TryGetValue(given, out g)) return g + canonicalEnding;
            }
        return token;
    }

    private static Dictionary<string, string> Build(bool stems)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Variants)
            foreach (var v in row)
                if (v.EndsWith('-') == stems) map.TryAdd(v.TrimEnd('-'), row[0]);
        return map;
    }
}
