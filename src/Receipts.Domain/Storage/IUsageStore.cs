using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>
/// Usage facts and the cursors of the sources that produced them. Both stores (embedded DuckDB,
/// shared PostgreSQL) implement it and pass one contract suite.
/// </summary>
public interface IUsageStore : ICursorStore
{
    /// <summary>
    /// Writes records and the cursors that reached them in one transaction: all or nothing.
    /// A record whose id is already stored replaces the stored copy only when it is fuller
    /// (more tokens in total, or a main-thread copy of a sidechain replay), so re-imports change nothing.
    /// </summary>
    Task<UsageWriteResult> WriteUsageAsync(
        IReadOnlyCollection<UsageRecord> records,
        IReadOnlyCollection<SourceCursor> cursors,
        CancellationToken cancellationToken);


    /// <summary>
    /// Starts a bulk load when the ledger holds no usage yet (a first import), or returns null: the caller then writes
    /// with <see cref="WriteUsageAsync"/>. The default has no bulk path.
    /// </summary>
    Task<IUsageBulkLoad?> BeginBulkLoadAsync(CancellationToken cancellationToken) => Task.FromResult<IUsageBulkLoad?>(null);

    IAsyncEnumerable<UsageRecord> ReadUsageAsync(UsageFilter filter, CancellationToken cancellationToken);

    Task<long> CountUsageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The records <paramref name="filter"/> selects, in time order, carrying only what usage reports read:
    /// time, source kind, provider, model, service tier, speed, inference geo, tokens, web searches, requests,
    /// cost, cost basis, currency, session, repo, branch and cwd. A store may leave every other field empty
    /// (<c>Id</c> the empty string), so it can read far less than <see cref="ReadUsageAsync"/> does; callers must
    /// not rely on them. The default reads whole records.
    /// </summary>
    IAsyncEnumerable<UsageRecord> ReadUsageForReportAsync(UsageFilter filter, CancellationToken cancellationToken) =>
        ReadUsageAsync(filter, cancellationToken);

    /// <summary>
    /// The records <paramref name="filter"/> selects, summed into <see cref="UsageGroup"/>s of records that
    /// attribution, pricing and reconciliation cannot tell apart, ordered by each group's earliest instant and id.
    /// The CPVO pipeline reads this instead of every record. The default groups <see cref="ReadUsageAsync"/> in
    /// memory (<see cref="UsageGroups"/>); stores group in SQL.
    /// </summary>
    IAsyncEnumerable<UsageGroup> ReadUsageGroupsAsync(UsageGroupFilter filter, CancellationToken cancellationToken) =>
        UsageGroups.GroupAsync(ReadUsageAsync(new UsageFilter { Since = filter?.Since, Until = filter?.Until }, cancellationToken), filter!, cancellationToken);
}
