using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Storage.Contract.Tests.DuckDb;

/// <summary>A fresh DuckDB file per test in its own temp folder.</summary>
internal sealed class DuckDbStores
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));

    public string FilePath => Path.Combine(_directory, "r.duckdb");

    public Task<DuckDbStore> OpenAsync(FakeTimeProvider time) => DuckDbStore.OpenAsync(FilePath, time, CancellationToken.None);

    public void Delete()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }
}
