namespace Receipts.Sources.Focus;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally double-quoted, <c>""</c> inside quotes
/// for a quote, line breaks allowed inside quotes, CRLF or LF. It scans with vectorised
/// <c>IndexOf</c>/<c>IndexOfAny</c> and hands out fields as views into its buffer, so a million-row file
/// allocates almost nothing per field. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader : IFocusRecordSource
{
    private static readonly System.Buffers.SearchValues<char> Delimiters = System.Buffers.SearchValues.Create(",\r\n");

    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _endOfInput;
    private long _nextLine = 1;

    // Field i of the current record: (start, length) in _buffer, or in _unescaped when start < 0 (encoded as ~start).
    private (int Start, int Length)[] _fields = new (int, int)[64];
    private char[] _unescaped = new char[1024];
    private int _unescapedLength;

    public CsvRecordReader(TextReader reader)
    {
        _reader = reader;
        if (!Read())
        {
            throw new CsvFormatException(1, "The file is empty: a header row is expected.");
        }

        var header = new string[FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = Field(i).Trim().TrimStart('\uFEFF').ToString();
        }

        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public long Line { get; private set; }

    public int FieldCount { get; private set; }

    public ReadOnlySpan<char> Field(int index)
    {
        if (index >= FieldCount)
        {
            return [];
        }

        var (start, length) = _fields[index];
        return start >= 0 ? _buffer.AsSpan(start, length) : _unescaped.AsSpan(~start, length);
    }

    public bool Read()
    {
        while (true)
        {
            var result = TryParse(_endOfInput);
            if (result > 0)
            {
                if (FieldCount == 1 && _fields[0].Length == 0)
                {
                    continue; // a blank line
                }

                return true;
            }

            if (_endOfInput)
            {
                return false;
            }

            Refill();
        }
    }

    public void Dispose() => _reader.Dispose();

    private void Refill()
    {
        var remaining = _length - _position;
        if (_position == 0 && _length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // one record longer than the buffer
        }
        else if (remaining > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, remaining);
        }

        _position = 0;
        _length = remaining;
        var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _length += read;
    }

    /// <summary>Parses one record at <see cref="_position"/>: 1 when done, 0 when more input is needed (or none is left).</summary>
    private int TryParse(bool atEnd)
    {
        var span = _buffer.AsSpan(_position, _length - _position);
        if (span.IsEmpty)
        {
            return 0;
        }

        var i = 0;
        var count = 0;
        var lines = 0;
        _unescapedLength = 0;
        while (true)
        {
            int start, length;
            if (i < span.Length && span[i] == '"')
            {
                var j = i + 1;
                var escaped = false;
                while (true)
                {
                    var k = span[j..].IndexOf('"');
                    if (k < 0)
                    {
                        if (atEnd)
                        {
                            throw new CsvFormatException(_nextLine, $"line {_nextLine}: a quoted field is never closed.");
                        }

                        return 0;
                    }

                    j += k;
                    if (j + 1 < span.Length && span[j + 1] == '"')
                    {
                        escaped = true;
                        j += 2;
                        continue;
                    }

                    if (j + 1 >= span.Length && !atEnd)
                    {
                        return 0; // cannot tell a closing quote from the first half of "" yet
                    }

                    break;
                }

                var content = span[(i + 1)..j];
                lines += content.Count('\n');
                if (escaped)
                {
                    start = ~Unescape(content);
                    length = _unescapedLength - ~start;
                }
                else
                {
                    start = _position + i + 1;
                    length = content.Length;
                }

                i = j + 1;
                if (i < span.Length && span[i] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(_nextLine + lines, $"line {_nextLine + lines}: unexpected text after a closing quote in field {count + 1}.");
                }
            }
            else
            {
                var k = span[i..].IndexOfAny(Delimiters);
                if (k < 0)
                {
                    if (!atEnd)
                    {
                        return 0;
                    }

                    k = span.Length - i;
                }

                start = _position + i;
                length = k;
                i += k;
            }

            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }

            _fields[count++] = (start, length);
            if (i >= span.Length)
            {
                if (!atEnd)
                {
                    return 0;
                }

                break;
            }

            var c = span[i];
            if (c == ',')
            {
                i++;
                if (i >= span.Length && !atEnd)
                {
                    return 0;
                }

                continue;
            }

            if (c == '\r')
            {
                i++;
                if (i >= span.Length && !atEnd)
                {
                    return 0;
                }

                if (i < span.Length && span[i] == '\n')
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            lines++;
            break;
        }

        FieldCount = count;
        Line = _nextLine;
        _nextLine += Math.Max(lines, 1);
        _position += i;
        return 1;
    }

    private int Unescape(ReadOnlySpan<char> content)
    {
        var start = _unescapedLength;
        if (_unescaped.Length < start + content.Length)
        {
            Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, start + content.Length));
        }

        var target = _unescaped.AsSpan(start);
        var n = 0;
        for (var i = 0; i < content.Length; i++)
        {
            target[n++] = content[i];
            if (content[i] == '"')
            {
                i++; // skip the second quote of ""
            }
        }

        _unescapedLength = start + n;
        return start;
    }
}
