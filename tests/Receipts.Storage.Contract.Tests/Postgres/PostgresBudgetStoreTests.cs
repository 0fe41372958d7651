using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.Postgres;

namespace Receipts.Storage.Contract.Tests.Postgres;

[RequiresPostgres]
public sealed class PostgresBudgetStoreTests(PostgresDatabase database) : BudgetStoreContract<PostgresStore>, IClassFixture<PostgresDatabase>
{
    protected override Task<PostgresStore> OpenAsync(FakeTimeProvider time) => database.OpenFreshStoreAsync(time);

    protected override Task<PostgresStore> ReopenAsync(FakeTimeProvider time) => PostgresStore.OpenAsync(database.ConnectionString, time, CancellationToken.None);
}
