namespace Receipts.Sources.Http;

/// <summary>
/// A source could not be read for a reason the user can act on: unreachable API, rejected token,
/// unknown repository, malformed page. The message says what happened (with the URL, never the secret);
/// <see cref="Hint"/> says what to do.
/// </summary>
public sealed class SourceException : Exception
{
    public SourceException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    public SourceException()
    {
    }

    public SourceException(string message)
        : base(message)
    {
    }

    public SourceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public string? Hint { get; }
}
