using System.Globalization;
using System.Text;
using AnyAscii;

namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Turns any written form of a name into a <see cref="NameKey"/>, so that honest variation and evasion look alike:
/// invisible and format characters (zero-width spaces, bidi controls, soft hyphens) are dropped; look-alike Cyrillic
/// and Greek letters inside Latin words are folded; every script is romanised (Cyrillic, Arabic, Persian, Han, Greek,
/// Armenian, Georgian, Hebrew, Hangul, kana) with each Han, Hangul or kana character a syllable of its own; case and
/// diacritics go; punctuation splits tokens, apostrophes join them ("O'Brien" → "obrien"); legal forms, stopwords and
/// numbers are taken out into their own lists. Pure and thread-safe.
/// </summary>
public static class NameNormalizer
{
    /// <summary>Longer input is cut: no real name is longer, and the cost of matching grows with it.</summary>
    public const int MaxChars = 1000;

    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mme", "herr", "frau", "gospodin",
    };

    private static readonly string?[] Romanised = new string?[0x10000];

    public static NameKey Normalize(string? name, bool person = false)
    {
        var tokens = Tokenize(name ?? "", out var abjad, out var transliterated);
        var split = new List<string>(tokens.Count + 2);
        foreach (var t in tokens) ArabicCompounds.Split(GivenNames.Canonicalise(t), split);
        tokens = split;
        // Romanised Arabic has no honorifics in Latin letters, but it has their shapes: عمر (Omar) is "mr".
        bool Stopword(string t) => !abjad && Stopwords.Contains(t);
        var withLegalForms = tokens.Where(t => !IsNumber(t) && !Stopword(t)).ToArray();
        var legal = person ? [] : LegalForms.Default.Extract(tokens);
        var numbers = new List<string>();
        var words = new List<string>(tokens.Count);
        foreach (var t in tokens)
        {
            if (IsNumber(t)) numbers.Add(t.TrimStart('0') is { Length: > 0 } n ? n : "0");
            else if (!Stopword(t)) words.Add(t);
        }
        // A name made only of stopwords ("The Company") keeps them: an empty key would match nothing.
        if (words.Count == 0 && numbers.Count == 0) words.AddRange(tokens.Where(t => !IsNumber(t)));
        return new NameKey(words.ToArray(), legal.ToArray(), numbers.ToArray(), abjad, transliterated)
        {
            WithLegalForms = legal.Count == 0 ? words.ToArray() : withLegalForms,
        };
    }

    internal static List<string> Tokenize(string name) => Tokenize(name, out _, out _);

    internal static List<string> Tokenize(string name, out bool abjad, out bool transliterated)
    {
        var text = name.Length > MaxChars ? name[..MaxChars] : name;
        text = Confusables.Fold(RemoveInvisible(text));
        abjad = false;
        transliterated = false;
        var sb = new StringBuilder(text.Length + 8);
        for (var pos = 0; pos < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(pos), out var rune, out var used);
            pos += used;
            var v = rune.Value;
            // Arabic writes the article joined to its word (التكريتي), and the romaniser drops the alef ("ltkryty"),
            // while Latin lists write "AL-TIKRITI": a word-initial alef-lam becomes the separate token "al".
            // So does عبدال... ("bd al hmyd"): the article joined to عبد as well as to its noun, and to the name before
            // الله and الدين (سعيدالله "syd al lh", نورالدين "nwr al dyn").
            if (v is 0x0627 or 0x0623 or 0x0625 or 0x0622 or 0x0671 && pos + 1 < text.Length && text[pos] == '\u0644'
                && IsArabicLetter(text[pos + 1]) && (sb.Length == 0 || sb[^1] == ' ' || AfterAbd(text, pos - used) || JoinedCompound(text, pos - used)))
            {
                abjad = transliterated = true;
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                sb.Append("al ");
                pos++;
                continue;
            }
            if (v < 0x80)
            {
                AppendAscii(sb, (char)v);
                continue;
            }
            // Emoji, pictographs, dingbats, currency and maths signs, private-use and unassigned code points are no
            // part of a name: at most they separate words. Romanised, they would become words ("slightly smiling face").
            if (IsSymbol(rune))
            {
                sb.Append(' ');
                continue;
            }
            transliterated = true;
            if (v is >= 0x0590 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF) abjad = true;
            var syllabic = v is >= 0x3040 and <= 0x30FF or >= 0x3400 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF;
            var roman = Romanise(rune);
            if (syllabic) sb.Append(' ');
            foreach (var c in roman) AppendAscii(sb, c);
            if (syllabic) sb.Append(' ');
        }
        return [.. sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Whether the word before <paramref name="at"/> is عبد ("servant of"), which Arabic joins to the article.</summary>
    private static bool AfterAbd(string text, int at) =>
        at >= 3 && text.AsSpan(at - 3, 3).SequenceEqual("\u0639\u0628\u062F") && (at == 3 || !char.IsLetter(text[at - 4]));

    /// <summary>Whether the word goes on with الله or الدين from <paramref name="at"/> to its end.</summary>
    private static bool JoinedCompound(string text, int at)
    {
        foreach (var compound in (ReadOnlySpan<string>)["\u0627\u0644\u0644\u0647", "\u0627\u0644\u062F\u064A\u0646"])
            if (text.AsSpan(at).StartsWith(compound, StringComparison.Ordinal) && (at + compound.Length == text.Length || !char.IsLetter(text[at + compound.Length])))
                return true;
        return false;
    }

    /// <summary>Symbols, private-use, unassigned and surrogate code points, and emoji's variation selectors; a
    /// modifier symbol that stands for an apostrophe (´ in "O´Brien") is not one.</summary>
    private static bool IsSymbol(Rune rune)
    {
        if (rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF) return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.ModifierSymbol => Romanise(rune) is not ("'" or "`"),
            UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => true,
            _ => false,
        };
    }

    private static bool IsArabicLetter(int v) => v is >= 0x0620 and <= 0x064A or >= 0x066E and <= 0x06D3;

    /// <summary>Letters and digits lower-cased; apostrophes vanish (they join a name: O'Brien, Abu 'Umar); anything
    /// else separates tokens.</summary>
    private static void AppendAscii(StringBuilder sb, char c)
    {
        if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        else if (c is '\'' or '`') { }
        else sb.Append(' ');
    }

    private static string Romanise(Rune rune)
    {
        if (rune.Value < Romanised.Length)
            return Romanised[rune.Value] ??= rune.ToString().Transliterate();
        return rune.ToString().Transliterate();
    }

    /// <summary>Drops format characters (zero-width, bidi, soft hyphen: Unicode category Cf), controls and combining
    /// marks left after decomposition.</summary>
    internal static string RemoveInvisible(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            var cat = char.GetUnicodeCategory(c);
            if (cat is UnicodeCategory.Format or UnicodeCategory.Control) { clean = false; break; }
        }
        if (clean) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var cat = char.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.Format) continue;
            sb.Append(cat == UnicodeCategory.Control ? ' ' : c);
        }
        return sb.ToString();
    }

    private static bool IsNumber(string token)
    {
        foreach (var c in token) if (!char.IsAsciiDigit(c)) return false;
        return token.Length > 0;
    }
}
