namespace Chokepoint.Matching.Normalising;

/// <summary>
/// Arabic names built on the article, which Latin lists write joined ("ABDULRAHMAN", "HAMDULLAH", "NOUREDDINE",
/// "ABDUL") and Arabic script writes as separate words (عبد الرحمن "bd al rhmn", حمد الله, نور الدين): the joined Latin
/// forms are split the way the Arabic is, so both sides have the same words. "Abdul Rahman", "Abdulrahman" and
/// "Abd al-Rahman" all become abd + al + rahman. Persian and Pashto endings likewise ("Zarepour" → zare + pour).
/// </summary>
public static class ArabicCompounds
{
    // abd + the article as lists spell it: "abdul", "abdel", "abdal", "abdol", "abdoul", "abdur" (the article
    // assimilated before r), "abdus", "abdun", "abduz".
    private static readonly string[] AbdArticles = ["oul", "ul", "el", "al", "ol", "ur", "ar", "us", "un", "uz", "ud"];
    // name + "ullah" / "allah" / "ollah" (of God) and name + "uddin" / "eddine" (of the faith).
    private static readonly (string Ending, string Word)[] Endings =
        [("ullah", "lah"), ("allah", "lah"), ("ollah", "lah"), ("ulla", "lah"), ("uddin", "din"), ("eddine", "dine"), ("eddin", "din"), ("addin", "din"), ("uddeen", "deen")];
    // Persian and Pashto name endings that Latin lists join and the script writes apart: زارع پور "zar pwr" / ZAREPOUR,
    // وهاب زاده / VAHABZADEH, شهید خیل / SHAHIDKHEL.
    private static readonly string[] Suffixes = ["zadeh", "zada", "pour", "khel"];

    // The article as lists write it on its own, assimilated or not: "SHAMS UR-RAHMAN", "ZIA UL HAQ", "NIZAM UD DIN",
    // "EL-ATOU". ("as", "at" and "an" stay: they are also legal forms and words.)
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "el", "ul", "ur", "ud", "ad", "ar", "az", "ol", "ash", "adh", "ath" };

    /// <summary>Appends <paramref name="token"/> to <paramref name="words"/>, split as the Arabic writes it.</summary>
    public static void Split(string token, List<string> words)
    {
        if (Articles.Contains(token))
        {
            words.Add("al");
            return;
        }
        if (token.Length >= 5 && token.StartsWith("abd", StringComparison.Ordinal))
            foreach (var article in AbdArticles)
                if (token.AsSpan(3).StartsWith(article, StringComparison.Ordinal) && (token.Length == 3 + article.Length || token.Length >= 3 + article.Length + 3))
                {
                    words.Add("abd");
                    words.Add("al");
                    if (token.Length > 3 + article.Length) Split(RestAfterArticle(token, 3 + article.Length, article), words);
                    return;
                }
        foreach (var (ending, word) in Endings)
            if (token.Length >= ending.Length + 3 && token.EndsWith(ending, StringComparison.Ordinal))
            {
                words.Add(token[..^ending.Length]);
                words.Add("al");
                words.Add(word);
                return;
            }
        foreach (var suffix in Suffixes)
            if (token.Length >= suffix.Length + 3 && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                words.Add(token[..^suffix.Length]);
                words.Add(suffix);
                return;
            }
        words.Add(token);
    }

    /// <summary>The word after the article; "abdur|rahman" keeps its doubled r: the article's r was the word's.</summary>
    private static string RestAfterArticle(string token, int at, string article) =>
        article.Length == 2 && article[1] is 'r' or 's' or 'n' or 'z' or 'd' && token[at] != article[1] ? article[1] + token[at..] : token[at..];
}
