using System.Reflection;

namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Legal-form words in many languages and scripts mapped to one canonical form, from Chokepoint's own table
/// (Data/legal-forms.tsv, each family citing its law): "ООО", "OOO", "TOO", "有限公司" and "Limited Liability Company"
/// are all "llc". Phrases are matched on normalised tokens, longest first.
/// </summary>
internal sealed class LegalForms
{
    private readonly Dictionary<string, List<(string[] Phrase, string Canonical)>> _byFirstToken = new(StringComparer.Ordinal);

    public static LegalForms Default { get; } = Load();

    private static LegalForms Load()
    {
        using var stream = typeof(LegalForms).Assembly.GetManifestResourceStream("legal-forms.tsv")
            ?? throw new InvalidOperationException("The legal-forms table is missing from the Matching assembly.");
        using var reader = new StreamReader(stream);
        var forms = new LegalForms();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            foreach (var variant in parts[1].Split('|'))
            {
                // Variants pass through the same normaliser as names, so "ООО" and "ooo" land on the same tokens.
                var tokens = NameNormalizer.Tokenize(variant);
                if (tokens.Count == 0) continue;
                if (!forms._byFirstToken.TryGetValue(tokens[0], out var list)) forms._byFirstToken[tokens[0]] = list = [];
                list.Add((tokens.ToArray(), parts[0]));
            }
        }
        foreach (var list in forms._byFirstToken.Values) list.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
        return forms;
    }

    /// <summary>Removes legal-form phrases from <paramref name="tokens"/> and returns their canonical forms; a name is
    /// never reduced to nothing.</summary>
    public List<string> Extract(List<string> tokens)
    {
        var found = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            if (_byFirstToken.TryGetValue(tokens[i], out var candidates) && Match(tokens, i, candidates) is { } hit && Strippable(hit.Phrase, i, tokens.Count))
            {
                if (!found.Contains(hit.Canonical)) found.Add(hit.Canonical);
                tokens.RemoveRange(i, hit.Phrase.Length);
                continue;
            }
            i++;
        }
        return found;
    }

    /// <summary>Long forms count anywhere; three-letter ones ("ooo", "llc") at either end of a name of two or more
    /// tokens; one- and two-letter ones ("ao", "as", "co") only at either end of three or more, since they are also
    /// name parts ("Ao Wei").</summary>
    private static bool Strippable(string[] phrase, int at, int count)
    {
        if (phrase.Length > 1 || phrase[0].Length >= 4) return count > phrase.Length;
        var atEnd = at == 0 || at == count - 1;
        return atEnd && count >= (phrase[0].Length == 3 ? 2 : 3);
    }

    private static (string[] Phrase, string Canonical)? Match(List<string> tokens, int at, List<(string[] Phrase, string Canonical)> candidates)
    {
        foreach (var c in candidates)
        {
            if (at + c.Phrase.Length > tokens.Count) continue;
            var ok = true;
            for (var k = 1; k < c.Phrase.Length && ok; k++) ok = tokens[at + k] == c.Phrase[k];
            if (ok) return c;
        }
        return null;
    }
}
