using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Storage.Contract.Tests.DuckDb;

/// <summary>
/// The usage contract again, with the stored ids kept in memory as the collector keeps them
/// (<see cref="DuckDbStore.KeepUsageIdsInMemoryAsync"/>): records the filter proves new skip the merge, so every
/// idempotence and fullest-copy rule must still hold through that path.
/// </summary>
public sealed class DuckDbUsageStoreWithIdFilterTests : UsageStoreContract<DuckDbStore>
{
    private readonly DuckDbStores _files = new();

    protected override async Task<DuckDbStore> OpenAsync(FakeTimeProvider time)
    {
        var store = await _files.OpenAsync(time);
        await store.KeepUsageIdsInMemoryAsync(CancellationToken.None);
        return store;
    }

    protected override async Task<DuckDbStore> ReopenAsync(FakeTimeProvider time)
    {
        await Store.DisposeAsync();
        var reopened = await _files.OpenAsync(time);
        await reopened.KeepUsageIdsInMemoryAsync(CancellationToken.None);
        return reopened;
    }

    protected override Task CleanupAsync()
    {
        _files.Delete();
        return Task.CompletedTask;
    }
}
