using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>
/// A sidechain replay repeats a response under the same message id with another request id (another record id):
/// across imports, the store keeps one record per message, the main-thread copy. Each case runs with and without
/// the stored ids kept in memory (the collector's write path).
/// </summary>
public sealed class SidechainReplayStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static UsageRecord Copy(string requestId, bool sidechain, long cacheRead = 1000, string messageId = "msg_1", string kind = "claude-code") => new()
    {
        Id = $"{kind}:{messageId}/{requestId}",
        SourceKind = kind,
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(3, 50, cacheRead, 0, 0),
        MessageId = messageId,
        RequestId = requestId,
        IsSidechain = sidechain,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_SidechainReplayAfterMainCopy_AddsNoSecondRecord(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_main", sidechain: false)], [], Ct);

        var result = await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true, cacheRead: 5000)], [], Ct);

        result.ShouldBe(new UsageWriteResult(0, 0, 1));
        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync();
        stored.RequestId.ShouldBe("req_main");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_MainCopyAfterSidechainReplay_ReplacesTheReplay(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true, cacheRead: 5000)], [], Ct);

        var result = await temp.Store.WriteUsageAsync([Copy("req_main", sidechain: false)], [], Ct);

        result.ShouldBe(new UsageWriteResult(0, 1, 0));
        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync();
        stored.RequestId.ShouldBe("req_main");
        stored.IsSidechain.ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_TwoMainCopiesOfOneMessageWithDifferentRequests_KeepsBoth(bool idsInMemory)
    {
        // Only a sidechain copy collapses by message id; two main-thread requests stay two records.
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_a", sidechain: false)], [], Ct);

        var result = await temp.Store.WriteUsageAsync([Copy("req_b", sidechain: false)], [], Ct);

        result.Inserted.ShouldBe(1);
        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_SidechainCopyOfAnotherSourceKind_IsNotARival(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_main", sidechain: false)], [], Ct);

        await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true, kind: "otel")], [], Ct);

        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_FullerSidechainCopyAfterThinnerSidechainCopy_ReplacesIt(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_s1", sidechain: true, cacheRead: 10)], [], Ct);

        var result = await temp.Store.WriteUsageAsync([Copy("req_s2", sidechain: true, cacheRead: 20)], [], Ct);

        result.Replaced.ShouldBe(1);
        (await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync()).RequestId.ShouldBe("req_s2");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_ReplayThenMainThenReplayAgain_EndsWithOneMainRecord(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);
        await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true)], [], Ct);
        await temp.Store.WriteUsageAsync([Copy("req_main", sidechain: false)], [], Ct);
        await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true)], [], Ct);

        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();

        stored.Select(r => r.RequestId).ShouldBe(["req_main"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_MainCopyAndReplayInOneFirstBatch_StoresOnlyTheMainCopy(bool idsInMemory)
    {
        await using var temp = await TempStore.CreateAsync(idsInMemory);

        var result = await temp.Store.WriteUsageAsync([Copy("req_side", sidechain: true, cacheRead: 5000), Copy("req_main", sidechain: false)], [], Ct);

        result.ShouldBe(new UsageWriteResult(1, 0, 1));
        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync();
        stored.RequestId.ShouldBe("req_main");
    }
}
