namespace Receipts.Cli;

/// <summary>
/// An error the user can fix: printed as one red line with a hint, exit code 1, no stack trace
/// unless <c>--verbose</c>.
/// </summary>
internal sealed class UserException : Exception
{
    public UserException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
    }

    public UserException()
    {
    }

    public UserException(string message)
        : base(message)
    {
    }

    public UserException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>What to do about it.</summary>
    public string? Hint { get; }
}
