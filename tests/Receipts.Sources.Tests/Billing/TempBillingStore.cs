using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Sources.Tests.Billing;

/// <summary>A fresh DuckDB store file in a temp folder, deleted afterwards.</summary>
internal sealed class TempBillingStore : IAsyncDisposable
{
    private TempBillingStore(string directory, DuckDbStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public DuckDbStore Store { get; }

    public static async Task<TempBillingStore> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
        var store = await DuckDbStore.OpenAsync(Path.Combine(directory, "r.duckdb"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        return new TempBillingStore(directory, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
