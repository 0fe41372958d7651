using Receipts.Server.Storage;

namespace Receipts.Server.Tests;

public sealed class DuckDbOtlpSdkTests : OtlpSdkContract
{
    protected override Task<ServerStore> OpenStoreAsync() =>
        ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(Directory, "r.duckdb")), Time, CancellationToken.None);
}
