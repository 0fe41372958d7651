using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>
/// Where a receiver hands a batch to be committed: records and the cursors that produced them, all or nothing,
/// answered only after the commit. The collector's writer commits many batches in one transaction (group commit);
/// <see cref="DirectUsageWriter"/> writes each batch in its own.
/// </summary>
public interface IUsageWriter
{
    Task<UsageWrite> WriteAsync(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken);
}
