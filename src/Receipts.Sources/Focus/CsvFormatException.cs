namespace Receipts.Sources.Focus;

/// <summary>The CSV text itself is broken (an unterminated quote, text after a closing quote).</summary>
internal sealed class CsvFormatException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;

    public CsvFormatException()
        : this(0, "Malformed CSV.")
    {
    }

    public CsvFormatException(string message)
        : this(0, message)
    {
    }

    public CsvFormatException(string message, Exception inner)
        : this(0, message + " " + inner.Message)
    {
    }
}
