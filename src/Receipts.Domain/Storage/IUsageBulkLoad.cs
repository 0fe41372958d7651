using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>
/// A first import into an empty ledger, written while the import still reads: records are appended as soon as the
/// importer knows them to be the winning copy so far, inside one transaction that <see cref="CommitAsync"/> ends
/// (all or nothing, like <see cref="IUsageStore.WriteUsageAsync"/>). Disposing without committing writes nothing.
/// One thread at a time.
/// </summary>
public interface IUsageBulkLoad : IAsyncDisposable
{
    /// <summary>Appends a record whose id no record appended before it (and not withdrawn) has.</summary>
    void Append(UsageRecord record);

    /// <summary>
    /// Removes the rows appended under <paramref name="withdrawn"/> ids (copies a fuller one displaced later), appends
    /// <paramref name="late"/> (the fullest copy per id is kept), saves <paramref name="cursors"/>, and commits.
    /// </summary>
    Task<UsageWriteResult> CommitAsync(
        IReadOnlyCollection<string> withdrawn,
        IReadOnlyCollection<UsageRecord> late,
        IReadOnlyCollection<SourceCursor> cursors,
        CancellationToken cancellationToken);
}
