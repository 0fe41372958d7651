using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>A fresh store file in a temp folder, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly string _directory;

    private TempStore(string directory, DuckDbStore store)
    {
        _directory = directory;
        Store = store;
    }

    public DuckDbStore Store { get; }

    public static async Task<TempStore> CreateAsync(bool keepUsageIdsInMemory = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
        var store = await DuckDbStore.OpenAsync(Path.Combine(directory, "r.duckdb"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        if (keepUsageIdsInMemory)
        {
            await store.KeepUsageIdsInMemoryAsync(CancellationToken.None);
        }

        return new TempStore(directory, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
