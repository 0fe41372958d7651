namespace Receipts.Cli;

/// <summary>Every exit code the command returns, in one place.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A user-facing error: bad input, a missing path, a store that cannot be opened.</summary>
    public const int Error = 1;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
