using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Storage.Postgres;

namespace Receipts.Storage.Contract.Tests.Postgres;

/// <summary>What only a shared store has to get right: several replicas on one database.</summary>
[RequiresPostgres]
public sealed class PostgresReplicaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    [StoreFact]
    public async Task Open_ReplicasStartingTogether_MigrateOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStore.OpenAsync(database.ConnectionString, _time, CancellationToken.None)));

        foreach (var store in stores)
        {
            await store.PingAsync(CancellationToken.None);
            await store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task Write_SameBatchFromTwoReplicasAtOnce_StoresEachRecordOnce()
    {
        await using var one = await database.OpenFreshStoreAsync(_time);
        await using var two = await PostgresStore.OpenAsync(database.ConnectionString, _time, CancellationToken.None);
        var batch = Enumerable.Range(0, 500).Select(i => UsageStoreContract<PostgresStore>.Record("r" + i, i)).ToList();

        var results = await Task.WhenAll(
            one.WriteUsageAsync(batch, [], CancellationToken.None),
            two.WriteUsageAsync(batch, [], CancellationToken.None));

        (await one.CountUsageAsync(CancellationToken.None)).ShouldBe(500);
        results.Sum(r => r.Inserted).ShouldBe(500);
        results.Sum(r => r.Unchanged).ShouldBe(500);
    }

    [StoreFact]
    public async Task Open_UnreachableServer_ThrowsStoreUnavailableWithoutThePassword()
    {
        var e = await Should.ThrowAsync<StoreUnavailableException>(() => PostgresStore.OpenAsync(
            "Host=127.0.0.1;Port=1;Username=u;Password=secret-pw;Database=d;Timeout=2",
            _time,
            CancellationToken.None));

        e.Location.ShouldBe("postgres://u@127.0.0.1:1/d");
        e.Message.ShouldNotContain("secret-pw");
    }
}
