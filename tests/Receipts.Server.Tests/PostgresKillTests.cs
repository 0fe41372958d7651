using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.Contract.Tests.Postgres;

namespace Receipts.Server.Tests;

[RequiresPostgres]
public sealed class PostgresKillTests(PostgresDatabase database) : KillContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<string> PrepareStoreAsync()
    {
        await (await database.OpenFreshStoreAsync(new FakeTimeProvider())).DisposeAsync();
        return "postgres:" + database.ConnectionString;
    }
}
