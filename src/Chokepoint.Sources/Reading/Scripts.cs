namespace Chokepoint.Sources.Reading;

/// <summary>Tells names in Latin script from names in their original script (Cyrillic, Arabic, Han ...), for publishers
/// that mix both in one list without marking which is which (EU FSF, OpenSanctions).</summary>
public static class Scripts
{
    public static bool IsLatin(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsLetter(c)) continue;
            // Basic Latin to Latin Extended-B, IPA, and Latin Extended Additional (Vietnamese).
            if (c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF') continue;
            return false;
        }
        return true;
    }
}
