using System.Globalization;
using System.Text;

namespace Chokepoint.Cli;

/// <summary>A column of a text table. <paramref name="WideOnly"/> columns (hashes, timestamps, breakdowns) show only
/// with <c>--wide</c>; a <paramref name="Right"/> column holds numbers.</summary>
internal sealed record TextColumn(string Header, bool WideOnly = false, bool Right = false);

/// <summary>
/// Lays a table out to fit a width: the wide-only columns are left out, then the widest columns give up room until
/// the table fits, their cells wrapped onto further lines at spaces (never cut off). Widths count what a terminal
/// shows: a Han or Hangul character takes two cells, a combining mark none.
/// </summary>
internal static class TextTable
{
    private const string Gap = "  ";

    // Below this, a column is not narrowed further: a table wider than the screen beats one nobody can read.
    private const int NarrowestColumn = 8;

    /// <summary>The table's lines; <paramref name="width"/> null lays it out in full (<c>--wide</c>).</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<TextColumn> columns, IEnumerable<IReadOnlyList<string>> rows, int? width)
    {
        var shown = Enumerable.Range(0, columns.Count).Where(i => width is null || !columns[i].WideOnly).ToArray();
        var cells = rows.Select(r => shown.Select(i => i < r.Count ? r[i] : "").ToArray()).ToList();
        cells.Insert(0, [.. shown.Select(i => columns[i].Header)]);
        var widths = shown.Select((_, c) => cells.Max(r => Cells(r[c]))).ToArray();
        if (width is { } limit) Narrow(widths, cells[0], limit);
        foreach (var row in cells)
        {
            var wrapped = row.Select((text, c) => Wrap(text, widths[c])).ToArray();
            for (var line = 0; line < wrapped.Max(w => w.Count); line++)
            {
                var text = new StringBuilder();
                for (var c = 0; c < row.Length; c++)
                {
                    var part = line < wrapped[c].Count ? wrapped[c][line] : "";
                    var pad = new string(' ', widths[c] - Cells(part));
                    if (c > 0) text.Append(Gap);
                    text.Append(columns[shown[c]].Right ? pad + part : part + pad);
                }
                yield return text.ToString().TrimEnd();
            }
        }
    }

    /// <summary>Takes a cell at a time from the widest column that can still give one, until the row fits.</summary>
    private static void Narrow(int[] widths, string[] header, int limit)
    {
        int Total() => widths.Sum() + Gap.Length * (widths.Length - 1);
        while (Total() > limit)
        {
            var widest = -1;
            for (var c = 0; c < widths.Length; c++)
                if (widths[c] > Math.Max(NarrowestColumn, LongestWord(header[c])) && (widest < 0 || widths[c] > widths[widest])) widest = c;
            if (widest < 0) return;
            widths[widest]--;
        }
    }

    /// <summary>The text in lines of at most <paramref name="width"/> cells.</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var rest = text;
        while (Cells(rest) > width)
        {
            var fit = Fitting(rest, width);
            // At a space, or after a path's or a compound's separator; only where none is there, inside a word.
            var space = rest.LastIndexOf(' ', Math.Min(fit, rest.Length - 1));
            var path = rest.LastIndexOfAny(['/', '\\'], fit - 1) + 1;
            var compound = rest.LastIndexOfAny(['-', '_', ','], fit - 1) + 1;
            var cut = Math.Max(space, path) is var at and > 0 ? at : compound > 0 ? compound : fit;
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        lines.Add(rest);
        return lines;
    }

    /// <summary>How many chars of <paramref name="text"/> fit in <paramref name="width"/> cells (at least one char, so
    /// that a character wider than the column still moves on).</summary>
    private static int Fitting(string text, int width)
    {
        var (used, i) = (0, 0);
        var parts = StringInfo.GetTextElementEnumerator(text);
        while (parts.MoveNext())
        {
            var element = (string)parts.Current;
            var w = Cells(element);
            if (used + w > width && i > 0) break;
            used += w;
            i += element.Length;
        }
        return i;
    }

    private static int LongestWord(string text) => text.Split(' ').Max(Cells);

    /// <summary>Terminal cells the text takes.</summary>
    internal static int Cells(string text)
    {
        var n = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
            n += IsWide(rune.Value) ? 2 : 1;
        }
        return n;
    }

    // East Asian wide and fullwidth ranges (Unicode UAX #11): Hangul Jamo, CJK and its punctuation, kana, Hangul
    // syllables, compatibility ideographs, fullwidth forms, and the supplementary ideograph planes.
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;
}
