namespace Chokepoint.Rules.Shipments;

/// <summary>HS and tariff codes as people write them: "8457.10", "8457 10 10", "8407101010".</summary>
public static class HsCodes
{
    /// <summary>The digits of a code with dots and spaces removed, or null when anything else is in it.</summary>
    public static string? Digits(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        Span<char> buffer = stackalloc char[16];
        var n = 0;
        foreach (var c in code)
        {
            if (c is '.' or ' ') continue;
            if (!char.IsAsciiDigit(c) || n == buffer.Length) return null;
            buffer[n++] = c;
        }
        return n == 0 ? null : new string(buffer[..n]);
    }
}
