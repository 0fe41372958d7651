using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>DuckDB-only behaviour. What every store does is in tests/Receipts.Storage.Contract.Tests.</summary>
public sealed class DuckDbStoreTests
{
    [Fact]
    public async Task Open_PathThatIsADirectory_ThrowsStoreUnavailable()
    {
        var directory = Directory.CreateTempSubdirectory("receipts-tests-dir").FullName;

        var e = await Should.ThrowAsync<StoreUnavailableException>(() => DuckDbStore.OpenAsync(directory, TimeProvider.System, CancellationToken.None));

        e.Location.ShouldBe(directory);
    }
}
