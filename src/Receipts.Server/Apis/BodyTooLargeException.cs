namespace Receipts.Server.Apis;

/// <summary>A decoded body grew past its route's limit; answered 413.</summary>
internal sealed class BodyTooLargeException : IOException
{
    public BodyTooLargeException()
        : base("The decoded body is larger than the limit.")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
