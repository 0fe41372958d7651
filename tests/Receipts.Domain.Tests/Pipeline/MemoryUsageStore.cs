using System.Runtime.CompilerServices;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Pipeline;

/// <summary>
/// Usage facts in a list. <c>perRecord</c> hands every record to the pipeline as a group of its own — what the
/// pipeline saw before it read sums — so a test can compare the two readings of the same facts.
/// </summary>
internal sealed class MemoryUsageStore(IReadOnlyList<UsageRecord> records, bool perRecord) : IUsageStore
{
    public Task<UsageWriteResult> WriteUsageAsync(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<UsageRecord> ReadUsageAsync(UsageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var r in records.Where(r => (filter.Since is not { } s || r.At >= s) && (filter.Until is not { } u || r.At < u)).OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            yield return r;
        }
    }

    public IAsyncEnumerable<UsageGroup> ReadUsageGroupsAsync(UsageGroupFilter filter, CancellationToken cancellationToken) =>
        perRecord
            ? ReadUsageAsync(new UsageFilter { Since = filter.Since, Until = filter.Until }, cancellationToken).Select(r => new UsageGroup(r, 1, r.At, UsageGroups.IsLongContext(r)))
            : UsageGroups.GroupAsync(ReadUsageAsync(new UsageFilter { Since = filter.Since, Until = filter.Until }, cancellationToken), filter, cancellationToken);

    public Task<long> CountUsageAsync(CancellationToken cancellationToken) => Task.FromResult((long)records.Count);

    public Task<IReadOnlyDictionary<string, SourceCursor>> GetCursorsAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, SourceCursor>>(new Dictionary<string, SourceCursor>());
}
