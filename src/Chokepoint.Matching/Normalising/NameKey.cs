namespace Chokepoint.Matching.Normalising;

/// <summary>
/// A name reduced to what matching compares: lower-case ASCII tokens in their original order, with legal forms,
/// stopwords and numbers taken out and kept apart. "ООО «Ромашка-3»" becomes tokens [romashka], legal forms [llc],
/// numbers [3].
/// </summary>
public sealed record NameKey(
    string[] Tokens,
    string[] LegalForms,
    string[] Numbers,
    bool Abjad,
    bool Transliterated)
{
    /// <summary>The words with their legal forms still in: "limited liability company alfakomponent". Compared when
    /// a legal form was recognised on one side only, such as one spelt with a typo ("Limtied").</summary>
    public string[] WithLegalForms { get; init; } = Tokens;

    /// <summary>The tokens run together: "xijinping" for both "Xi Jinping" and 习近平.</summary>
    public string Compact { get; } = string.Concat(Tokens);

    public bool IsEmpty => Tokens.Length == 0 && Numbers.Length == 0;

    public override string ToString() => string.Join(' ', Tokens);
}
