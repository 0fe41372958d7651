using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>A real store file in a temp folder, deleted afterwards.</summary>
internal sealed class TempDuckDb : IAsyncDisposable
{
    private TempDuckDb(string directory, string path, DuckDbStore store)
    {
        Directory = directory;
        FilePath = path;
        Store = store;
    }

    private bool _closed;

    public string Directory { get; }

    public string FilePath { get; }

    public DuckDbStore Store { get; private set; }

    public static async Task<TempDuckDb> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "receipts-otlp-tests", Guid.NewGuid().ToString("n"));
        var path = Path.Combine(directory, "r.duckdb");
        return new TempDuckDb(directory, path, await OpenAsync(path));
    }

    /// <summary>Closes and reopens the file, as a restarted server would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync(FilePath);
        _closed = false;
    }

    public async Task CloseAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await Store.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static Task<DuckDbStore> OpenAsync(string path) =>
        DuckDbStore.OpenAsync(path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
}
