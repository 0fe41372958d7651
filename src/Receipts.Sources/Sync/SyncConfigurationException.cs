namespace Receipts.Sources.Sync;

/// <summary>A source entry cannot run as configured (its key variable is unset, its path matches nothing…).</summary>
public sealed class SyncConfigurationException : Exception
{
    public SyncConfigurationException(string message, string? hint = null)
        : base(message)
    {
        Hint = hint;
    }

    public SyncConfigurationException()
    {
    }

    public SyncConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public string? Hint { get; }
}
