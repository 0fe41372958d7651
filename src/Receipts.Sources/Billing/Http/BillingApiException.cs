namespace Receipts.Sources.Billing.Http;

/// <summary>A billing API answered with an error, or with something that is not the documented shape.</summary>
public class BillingApiException : Exception
{
    public BillingApiException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    public BillingApiException()
    {
    }

    public BillingApiException(string message)
        : base(message)
    {
    }

    public BillingApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; }
}
