using Receipts.Server.Storage;

namespace Receipts.Server.Tests;

public sealed class DuckDbServerTests : ServerContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));

    protected override Task<ServerStore> OpenStoreAsync() =>
        ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(_directory, "r.duckdb")), Time, CancellationToken.None);

    protected override Task CleanupAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
