using Microsoft.Extensions.Time.Testing;
using Receipts.Server.Storage;
using Receipts.Storage.Contract.Tests.Postgres;

namespace Receipts.Server.Tests.Scheduling;

[RequiresPostgres]
public sealed class PostgresScheduledReportingTests(PostgresDatabase database) : ScheduledReportingContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<ServerStore> OpenStoreAsync(TimeProvider time)
    {
        await (await database.OpenFreshStoreAsync(new FakeTimeProvider(time.GetUtcNow()))).DisposeAsync();
        return await ServerStore.OpenAsync(new StoreSpec(StoreKind.Postgres, database.ConnectionString), time, CancellationToken.None);
    }
}
