namespace Receipts.Domain.Storage;

/// <summary>The store could not be opened or reached: a user-facing condition, not a bug.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string location, string reason, Exception? inner = null)
        : base($"Cannot open the store at {location}: {reason}", inner)
    {
        Location = location;
        Reason = reason;
    }

    public StoreUnavailableException()
    {
        Location = string.Empty;
        Reason = string.Empty;
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
        Location = string.Empty;
        Reason = message;
    }

    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
        Location = string.Empty;
        Reason = message;
    }

    public string Location { get; }

    public string Reason { get; }
}
