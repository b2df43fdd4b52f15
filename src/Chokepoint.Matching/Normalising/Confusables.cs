namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones, used only inside a word that mixes the scripts. In a mostly
/// Latin word the writer meant the Latin letter (a classic evasion: "Pаrchin" with a Cyrillic "а"); in a mostly
/// Cyrillic word the Cyrillic one (Belarusian names typed with a Latin "i": "Аляксандравiч"; "Aлександрович" with a
/// Latin "A"), so the word is transliterated whole. A wholly Cyrillic word is transliterated ("Ростех" → "Rostekh").
/// </summary>
internal static class Confusables
{
    private static readonly Dictionary<char, char> Map = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['һ'] = 'h', ['ԁ'] = 'd',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C',
        ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K',
        ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
    };

    // Latin letter → the Cyrillic letter it stands for inside a Cyrillic word: the first Cyrillic entry of the map.
    private static readonly Dictionary<char, char> ToCyrillic = Map.Where(p => p.Key is >= '\u0400' and <= '\u04FF')
        .GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);

    /// <summary>Folds look-alikes in every word that holds both Latin letters and Cyrillic or Greek ones.</summary>
    public static string Fold(string text)
    {
        if (!HasNonLatinLetter(text)) return text;
        var chars = text.ToCharArray();
        var start = 0;
        for (var i = 0; i <= chars.Length; i++)
        {
            if (i < chars.Length && !char.IsWhiteSpace(chars[i])) continue;
            FoldWord(chars, start, i);
            start = i + 1;
        }
        return new string(chars);
    }

    private static void FoldWord(char[] chars, int start, int end)
    {
        int latin = 0, other = 0, cyrillic = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsAsciiLetter(chars[i])) latin++;
            else if (chars[i] > '\u024F' && char.IsLetter(chars[i]))
            {
                other++;
                if (chars[i] is >= '\u0400' and <= '\u04FF') cyrillic++;
            }
        }
        if (latin == 0 || other == 0) return;
        if (latin >= other)
        {
            for (var i = start; i < end; i++)
                if (Map.TryGetValue(chars[i], out var l)) chars[i] = l;
        }
        else if (cyrillic == other)
        {
            for (var i = start; i < end; i++)
                if (ToCyrillic.TryGetValue(chars[i], out var c)) chars[i] = c;
        }
    }

    private static bool HasNonLatinLetter(string text)
    {
        foreach (var c in text)
            if (c > '\u024F' && char.IsLetter(c)) return true;
        return false;
    }
}
