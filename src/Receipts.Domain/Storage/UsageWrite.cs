namespace Receipts.Domain.Storage;

/// <summary>
/// One batch's share of a committed write: its exact counts when they can be told apart from the other batches
/// committed with it (else null), and whether every record of it was new.
/// </summary>
public sealed record UsageWrite(UsageWriteResult? Counts, bool AllNew);
