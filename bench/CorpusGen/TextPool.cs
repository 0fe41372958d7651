using System.Text;

namespace Receipts.Bench.CorpusGen;

/// <summary>
/// A few megabytes of code- and log-like text, already escaped for a JSON string, cut into lines.
/// Content blocks are slices of whole lines, so a slice never splits an escape sequence and the
/// generator never escapes anything while writing.
/// </summary>
internal sealed class TextPool
{
    private static readonly string[] Words =
    [
        "public", "sealed", "class", "record", "return", "await", "async", "var", "new", "static", "internal",
        "void", "string", "long", "decimal", "if", "else", "foreach", "in", "using", "namespace", "=>", "{", "}",
        "(", ")", ";", "=", "==", "!=", "+", "-", "*", "<", ">", "[", "]", ",", ".", ":", "null", "true", "false",
        "Usage", "Invoice", "Payment", "Refund", "Customer", "Order", "Ledger", "Account", "Report", "Session",
        "request", "response", "tokens", "total", "amount", "currency", "items", "result", "error", "status",
        "GetAsync", "SaveAsync", "ToList", "Where", "Select", "cancellationToken", "logger", "options", "store",
        "INFO", "WARN", "DEBUG", "PASS", "FAIL", "test", "build", "src/Payments/Refunds.cs", "line", "42", "1337",
        "0.25", "2025-11-03", "ms", "OK", "passed", "failed", "skipped", "warning", "CS8618", "at", "the", "of",
    ];

    private readonly string _text;
    private readonly int[] _lineStarts;

    private TextPool(string text, int[] lineStarts)
    {
        _text = text;
        _lineStarts = lineStarts;
    }

    public string Text => _text;

    public static TextPool Create(int seed, int approximateChars)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(approximateChars + 256);
        var starts = new List<int>(approximateChars / 40);
        while (builder.Length < approximateChars)
        {
            starts.Add(builder.Length);
            builder.Append(' ', random.Next(0, 5) * 4);
            var words = random.Next(2, 18);
            for (var i = 0; i < words; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }

                // A quoted literal now and then, so the text carries real JSON escapes.
                if (random.Next(40) == 0)
                {
                    builder.Append("\\\"").Append(Words[random.Next(Words.Length)]).Append("\\\"");
                }
                else
                {
                    builder.Append(Words[random.Next(Words.Length)]);
                }
            }

            builder.Append(random.Next(25) == 0 ? "\\t\\n" : "\\n");
        }

        starts.Add(builder.Length);
        return new TextPool(builder.ToString(), [.. starts]);
    }

    /// <summary>A run of whole lines of about <paramref name="chars"/> characters (at least one line).</summary>
    public TextSlice Slice(Random random, int chars)
    {
        var lineCount = _lineStarts.Length - 1;
        var first = random.Next(lineCount);
        var start = _lineStarts[first];
        var wantedEnd = (long)start + Math.Max(chars, 1);
        if (wantedEnd >= _text.Length)
        {
            return new TextSlice(start, _text.Length - start);
        }

        var index = Array.BinarySearch(_lineStarts, (int)wantedEnd);
        var endLine = index >= 0 ? index : ~index;
        endLine = Math.Max(endLine, first + 1);
        return new TextSlice(start, _lineStarts[endLine] - start);
    }

    public ReadOnlySpan<char> Span(TextSlice slice) => _text.AsSpan(slice.Start, slice.Length);
}
