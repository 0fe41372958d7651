using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.DuckDb;

namespace Receipts.Sources.Tests;

/// <summary>A temp folder with a copy of the golden files and a fresh store, deleted afterwards.</summary>
internal sealed class TempTree : IAsyncDisposable
{
    private TempTree(string root, DuckDbStore store)
    {
        Root = root;
        Store = store;
    }

    public string Root { get; }

    public DuckDbStore Store { get; }

    public static async Task<TempTree> CreateAsync(string? copy = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "receipts-sources-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);
        if (copy is not null)
        {
            CopyDirectory(Path.Combine(AppContext.BaseDirectory, "TestData", copy), Path.Combine(root, copy));
        }

        var store = await DuckDbStore.OpenAsync(Path.Combine(root, "r.duckdb"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        return new TempTree(root, store);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
