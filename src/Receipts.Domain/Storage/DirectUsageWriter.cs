using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>Each batch in a transaction of its own, straight to the store.</summary>
public sealed class DirectUsageWriter(IUsageStore store) : IUsageWriter
{
    public async Task<UsageWrite> WriteAsync(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var written = await store.WriteUsageAsync(records, cursors, cancellationToken);
        return new UsageWrite(written, written.Inserted == records.Count);
    }
}
