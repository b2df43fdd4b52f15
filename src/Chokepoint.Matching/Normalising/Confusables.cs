namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones. Used only inside a word that mixes Latin with them (a classic
/// evasion: "Pаrchin" with a Cyrillic "а"), where the writer meant the Latin letter; a wholly Cyrillic word is
/// transliterated instead ("Ростех" → "Rostekh").
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
        bool latin = false, other = false;
        for (var i = start; i < end; i++)
        {
            if (char.IsAsciiLetter(chars[i])) latin = true;
            else if (Map.ContainsKey(chars[i])) other = true;
        }
        if (!latin || !other) return;
        for (var i = start; i < end; i++)
            if (Map.TryGetValue(chars[i], out var l)) chars[i] = l;
    }

    private static bool HasNonLatinLetter(string text)
    {
        foreach (var c in text)
            if (c > '\u024F' && char.IsLetter(c)) return true;
        return false;
    }
}
