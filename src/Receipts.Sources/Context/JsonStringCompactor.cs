namespace Receipts.Sources.Context;

/// <summary>
/// Shrinks a JSON text in place by replacing every string longer than a limit (<see cref="MaxStringBytes"/>
/// with the default buffer) with <c>""</c>, chunk by chunk, so a line of many megabytes (base64 images,
/// tool output) can be parsed in a bounded buffer. Keys and the short values we read (ids, model, timestamps, paths)
/// survive; content never reaches a string. A raw newline cannot occur inside a JSON string,
/// so the caller finds line ends before compacting.
/// </summary>
internal struct JsonStringCompactor(int maxStringBytes)
{
    /// <summary>The longest string kept with a buffer of the default size.</summary>
    public const int MaxStringBytes = 4096;

    private readonly int _maxStringBytes = maxStringBytes;
    private bool _inString;
    private bool _escaped;
    private bool _dropping;
    private int _stringStart;

    /// <summary>Compacts <c>buffer[from..to)</c> into <c>buffer[output..)</c> (<paramref name="output"/> ≤ <paramref name="from"/>); returns the new output end.</summary>
    public int Compact(Span<byte> buffer, int from, int to, int output)
    {
        for (var i = from; i < to; i++)
        {
            var b = buffer[i];
            if (!_inString)
            {
                buffer[output++] = b;
                if (b == (byte)'"')
                {
                    _inString = true;
                    _dropping = false;
                    _stringStart = output;
                }

                continue;
            }

            if (_escaped)
            {
                _escaped = false;
            }
            else if (b == (byte)'\\')
            {
                _escaped = true;
            }
            else if (b == (byte)'"')
            {
                _inString = false;
                buffer[output++] = b;
                continue;
            }

            if (_dropping)
            {
                continue;
            }

            buffer[output++] = b;
            if (output - _stringStart > _maxStringBytes)
            {
                _dropping = true;
                output = _stringStart;
            }
        }

        return output;
    }
}
