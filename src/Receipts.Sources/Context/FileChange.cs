namespace Receipts.Sources.Context;

/// <summary>What happened to a file since its cursor was written.</summary>
internal enum FileChange
{
    /// <summary>Never read before.</summary>
    New,

    /// <summary>Bytes were appended after the cursor.</summary>
    Appended,

    /// <summary>Nothing new since the cursor.</summary>
    Unchanged,

    /// <summary>Shorter than the cursor's offset: read again from the start.</summary>
    Truncated,

    /// <summary>The bytes before the cursor changed: read again from the start.</summary>
    Rewritten,
}
