using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Server.Ingest.Journal;

/// <summary>One acknowledged batch as the journal keeps it: its place in arrival order, its records and its cursors.</summary>
internal sealed record JournalEntry(long Sequence, IReadOnlyCollection<UsageRecord> Records, IReadOnlyCollection<SourceCursor> Cursors);
