using Receipts.Server.Storage;

namespace Receipts.Server.Tests.Scheduling;

public sealed class DuckDbScheduledReportingTests : ScheduledReportingContract
{
    protected override async Task<ServerStore> OpenStoreAsync(TimeProvider time) =>
        await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(Folder, "r.duckdb")), time, CancellationToken.None);
}
