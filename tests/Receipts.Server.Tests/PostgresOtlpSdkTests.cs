using Receipts.Server.Storage;
using Receipts.Storage.Contract.Tests.Postgres;

namespace Receipts.Server.Tests;

[RequiresPostgres]
public sealed class PostgresOtlpSdkTests(PostgresDatabase database) : OtlpSdkContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<ServerStore> OpenStoreAsync()
    {
        await (await database.OpenFreshStoreAsync(Time)).DisposeAsync();
        return await ServerStore.OpenAsync(new StoreSpec(StoreKind.Postgres, database.ConnectionString), Time, CancellationToken.None);
    }
}
