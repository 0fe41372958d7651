using Receipts.Domain.Storage;

namespace Receipts.Server.Ingest;

/// <summary>One batch's share of a committed write: its exact counts when they can be told apart (else null), and whether all of it was new.</summary>
internal sealed record GroupWrite(UsageWriteResult? Counts, bool AllNew);
