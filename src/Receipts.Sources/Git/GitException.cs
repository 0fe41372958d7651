namespace Receipts.Sources.Git;

/// <summary>The repository cannot be read as asked (not a repository, no such branch, shallow clone, no git): a user-facing error with a hint.</summary>
public sealed class GitException : Exception
{
    public GitException(string message, string? hint)
        : base(message)
    {
        Hint = hint;
    }

    public GitException()
    {
    }

    public GitException(string message)
        : base(message)
    {
    }

    public GitException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>What to do about it.</summary>
    public string? Hint { get; }
}
