namespace Chokepoint.Core.Reading;

/// <summary>The text of one cell or field as every reader keeps it.</summary>
public static class Cells
{
    /// <summary>Trims, collapses inner runs of whitespace, drops control characters; blank becomes null.</summary>
    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var s = RemoveControls(value).Trim();
        if (s.Contains("  ", StringComparison.Ordinal) || s.Contains('\n') || s.Contains('\t'))
            s = string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length == 0 ? null : s;
    }

    /// <summary>Control characters other than line breaks and tabs removed (remarks keep their lines).</summary>
    public static string RemoveControls(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\t' or '\r'))
                return new string(value.Where(ch => !char.IsControl(ch) || ch is '\n' or '\t' or '\r').ToArray());
        }
        return value;
    }
}
