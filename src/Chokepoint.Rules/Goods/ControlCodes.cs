namespace Chokepoint.Rules.Goods;

/// <summary>The shapes of control codes: Wassenaar-style ("2B001.b.2"), EU Annex VII ("X.A.I.001.a"), EAR99.</summary>
public static class ControlCodes
{
    /// <summary>Category digit, group letter A-E, three digits, then dotted sub-paragraphs: "3A001.a.1".</summary>
    public static bool IsWassenaarStyle(string code)
    {
        if (code.Length < 5 || !char.IsAsciiDigit(code[0]) || code[1] is < 'A' or > 'E') return false;
        if (!char.IsAsciiDigit(code[2]) || !char.IsAsciiDigit(code[3]) || !char.IsAsciiDigit(code[4])) return false;
        if (code.Length == 5) return true;
        if (code[5] != '.') return false;
        return code[6..].Split('.').All(part => part.Length is > 0 and <= 4 && part.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>EU Reg 833/2014 Annex VII codes begin "X." ("X.A.I.001").</summary>
    public static bool IsAnnexVii(string code) => code.StartsWith("X.", StringComparison.Ordinal) && code.Length > 4;

    public static bool IsEar99(string code) => string.Equals(code, "EAR99", StringComparison.OrdinalIgnoreCase);
}
