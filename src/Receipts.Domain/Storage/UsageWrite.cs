namespace Receipts.Domain.Storage;

/// <summary>
/// One batch's share of a committed write: its exact counts when they can be told apart from the other batches
/// committed with it (else null), and whether every record of it was new.
/// </summary>
public sealed record UsageWrite(UsageWriteResult? Counts, bool AllNew)
{
    /// <summary>
    /// Set when the batch was answered before the store committed it (durable in the collector's journal): the store's
    /// own answer, once it has applied the batch. Counters that must not count a replay twice wait for it.
    /// </summary>
    public Task<UsageWrite>? Applied { get; init; }
}
