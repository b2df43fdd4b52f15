namespace Chokepoint.Matching.Scoring;

/// <summary>String similarities on normalised tokens, 0..1. Allocation-free for tokens up to 64 characters.</summary>
public static class Similarity
{
    /// <summary>Jaro-Winkler: forgiving of transpositions and typos, rewarding a shared start ("putin"/"poutine" 0.86).</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        if (a.SequenceEqual(b)) return 1;
        if (a.Length > 64 || b.Length > 64) return Levenshtein(a, b);
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - window);
            var hi = Math.Min(b.Length - 1, i + window);
            for (var j = lo; j <= hi; j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>1 - edit distance / longer length: stricter than Jaro-Winkler, used for whole names run together.</summary>
    public static double Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        if (a.Length > b.Length) return Levenshtein(b, a);
        if (b.Length > 256) return a.SequenceEqual(b) ? 1 : 0;
        var distance = a.Length <= 64 ? BitParallelDistance(a, b) : TableDistance(a, b);
        return 1 - (double)distance / b.Length;
    }

    /// <summary>
    /// Edit distance with the shorter string's columns held as bits of one word (Myers 1999, in Hyyrö's form for whole
    /// strings): one pass of a few word operations per character of the longer string, instead of a table row.
    /// </summary>
    private static int BitParallelDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Where each character occurs in a: a table for the letters a-z (almost every character of a normalised
        // token), a short list for the rest.
        Span<ulong> letters = stackalloc ulong[26];
        Span<char> otherChars = stackalloc char[a.Length];
        Span<ulong> otherMasks = stackalloc ulong[a.Length];
        var others = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i];
            if (c is >= 'a' and <= 'z') { letters[c - 'a'] |= 1UL << i; continue; }
            var k = otherChars[..others].IndexOf(c);
            if (k < 0) { k = others++; otherChars[k] = c; otherMasks[k] = 0; }
            otherMasks[k] |= 1UL << i;
        }
        ulong positive = ulong.MaxValue, negative = 0, last = 1UL << (a.Length - 1);
        var distance = a.Length;
        foreach (var c in b)
        {
            ulong equal;
            if (c is >= 'a' and <= 'z') equal = letters[c - 'a'];
            else
            {
                var k = otherChars[..others].IndexOf(c);
                equal = k < 0 ? 0 : otherMasks[k];
            }
            var xv = equal | negative;
            var xh = (((equal & positive) + positive) ^ positive) | equal;
            var ph = negative | ~(xh | positive);
            var mh = positive & xh;
            if ((ph & last) != 0) distance++;
            else if ((mh & last) != 0) distance--;
            ph = (ph << 1) | 1;
            mh <<= 1;
            positive = mh | ~(xv | ph);
            negative = ph & xv;
        }
        return distance;
    }

    private static int TableDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> row = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) row[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The skeleton without a leading vowel: what an abjad spelling keeps ("zt" عزت / "izzat", "bd" / "abd").</summary>
    public static string Consonants(string token)
    {
        var skeleton = Skeleton(token);
        // A leading w too: و starts "wlyd" where French spellings write "oualid" / "ould".
        return skeleton.Length > 1 && skeleton[0] is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w' ? skeleton[1..] : skeleton;
    }

    /// <summary>
    /// The consonant skeleton of a token: vowels dropped (except a leading one), repeats collapsed, and letters that
    /// transliterations swap folded together. Arabic and Hebrew are written without short vowels, so "mhmd" (محمد) and
    /// "muhammad" share the skeleton "mhmd"; so do "mohammed" and "mukhammed" (kh → h).
    /// </summary>

    public static string Skeleton(string token)
    {
        Span<char> buffer = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        var n = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (i > 0 && c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w') continue;
            c = c switch
            {
                'k' when i + 1 < token.Length && token[i + 1] == 'h' => 'h',
                // French spellings of Arabic and Slavic names: "dj" is j (Djamel), a c before e, i or y is s (Lounici).
                'd' when i + 1 < token.Length && token[i + 1] == 'j' => '\0',
                'c' when i + 1 < token.Length && token[i + 1] is 'e' or 'i' or 'y' => 's',
                'q' or 'c' => 'k',
                'z' => 's',
                'v' => 'f',
                'j' => 'g',
                _ => c,
            };
            if (c == '\0') continue;
            if (c == 'h' && n > 0 && buffer[n - 1] is 'k' or 's' or 't' or 'd' or 'g' or 'z' && i > 0 && token[i - 1] != 'k') continue;
            if (n > 0 && buffer[n - 1] == c) continue;
            buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }
}
