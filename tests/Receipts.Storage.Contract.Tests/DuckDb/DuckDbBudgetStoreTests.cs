using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Storage.Contract.Tests.DuckDb;

public sealed class DuckDbBudgetStoreTests : BudgetStoreContract<DuckDbStore>
{
    private readonly DuckDbStores _files = new();

    protected override Task<DuckDbStore> OpenAsync(FakeTimeProvider time) => _files.OpenAsync(time);

    protected override async Task<DuckDbStore> ReopenAsync(FakeTimeProvider time)
    {
        await Store.DisposeAsync();
        return await _files.OpenAsync(time);
    }

    protected override Task CleanupAsync()
    {
        _files.Delete();
        return Task.CompletedTask;
    }
}
