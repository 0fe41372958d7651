using Microsoft.Extensions.Time.Testing;
using Receipts.Storage.Postgres;

namespace Receipts.Storage.Contract.Tests.Postgres;

[RequiresPostgres]
public sealed class PostgresDerivedStoreTests(PostgresDatabase database) : DerivedStoreContract<PostgresStore>, IClassFixture<PostgresDatabase>
{
    protected override Task<PostgresStore> OpenAsync(FakeTimeProvider time) => database.OpenFreshStoreAsync(time);

    protected override Task<PostgresStore> ReopenAsync(FakeTimeProvider time) => PostgresStore.OpenAsync(database.ConnectionString, time, CancellationToken.None);

    protected override string Portable(string storeType) => storeType switch
    {
        "text" => "text",
        "bigint" => "bigint",
        "boolean" => "boolean",
        "date" => "date",
        "timestamp with time zone" => "timestamp",
        "numeric" => "decimal",
        _ => storeType,
    };
}
