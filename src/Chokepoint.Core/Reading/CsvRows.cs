using System.Text;

namespace Chokepoint.Core.Reading;

/// <summary>One CSV record and the line it starts on (1-based), for error messages.</summary>
public readonly record struct CsvRow(string[] Fields, long Line);

/// <summary>
/// A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. It knows the quirks of
/// the publishers' files (OFAC ends its files with a Ctrl-Z byte) and refuses what would otherwise be read wrongly: an
/// unterminated quote, or a field so long it can only be garbage.
/// </summary>
public sealed class CsvRows
{
    public const int DefaultMaxFieldChars = 1 << 20;

    private readonly TextReader _reader;
    private readonly string _file;
    private readonly int _maxFieldChars;
    private readonly string? _encoding;
    private readonly char _separator;
    private readonly char[] _buffer = new char[64 * 1024];
    private int _pos;
    private int _len;
    private long _line = 1;

    /// <param name="encoding">When given, <see cref="TextSources.Invalid"/> in the text is an undecodable byte of this encoding.</param>
    /// <param name="separator">The field separator: a comma, or the semicolon of spreadsheets set up for a decimal comma.</param>
    public CsvRows(TextReader reader, string file, int maxFieldChars = DefaultMaxFieldChars, string? encoding = null, char separator = ',')
    {
        _encoding = encoding;
        _separator = separator;
        _reader = reader;
        _file = file;
        _maxFieldChars = maxFieldChars;
    }

    public IEnumerable<CsvRow> Read()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            var start = _line;
            fields.Clear();
            var endOfFile = ReadRecord(fields, field);
            if (fields.Count > 1 || (fields.Count == 1 && fields[0].Length > 0))
                yield return new CsvRow(fields.ToArray(), start);
            if (endOfFile) yield break;
        }
    }

    /// <summary>Reads one record into <paramref name="fields"/>; returns true at end of input.</summary>
    private bool ReadRecord(List<string> fields, StringBuilder field)
    {
        field.Clear();
        var quoted = false;
        var wasQuoted = false;
        var quoteLine = _line;
        while (true)
        {
            var c = Next();
            if (c < 0 || c == 0x1A)
            {
                if (quoted) throw new ListFormatException(_file, ListFormatException.Line(quoteLine), "a quoted field is never closed (the file may be truncated)");
                if (fields.Count > 0 || field.Length > 0 || wasQuoted) fields.Add(field.ToString());
                return true;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"') { Next(); Append(field, '"'); }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') _line++;
                    Append(field, (char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    quoteLine = _line;
                    break;
                case var separator when separator == _separator:
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    if (Peek() == '\n') Next();
                    _line++;
                    fields.Add(field.ToString());
                    return false;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return false;
                default:
                    Append(field, (char)c);
                    break;
            }
        }
    }

    private void Append(StringBuilder field, char c)
    {
        if (c == TextSources.Invalid && _encoding is not null) throw TextSources.InvalidBytes(_file, _line, _encoding);
        if (field.Length >= _maxFieldChars)
            throw new ListFormatException(_file, ListFormatException.Line(_line), $"a field is longer than {_maxFieldChars:N0} characters; this is not a list file or it is corrupt");
        field.Append(c);
    }

    private int Next()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos++];
    }

    private int Peek()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos];
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
