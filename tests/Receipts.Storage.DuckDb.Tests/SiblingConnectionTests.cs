using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>A sibling handle reads on a connection of its own: writes through the main handle never wait for its reads.</summary>
public sealed class SiblingConnectionTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static UsageRecord Record(int i) => new()
    {
        Id = "r" + i,
        SourceKind = "generic",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddSeconds(i),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(10, 1, 0, 0, 0),
        SessionId = "s" + (i % 7),
    };

    [Fact]
    public async Task WriteThroughTheMainHandle_WhileASiblingReadIsOpen_DoesNotWait_AndTheSiblingSeesItAfterwards()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteUsageAsync([.. Enumerable.Range(0, 5000).Select(Record)], [], Ct);
        await using var sibling = await temp.Store.OpenSiblingAsync(Ct);

        await using (var reading = sibling.ReadUsageAsync(UsageFilter.All, Ct).GetAsyncEnumerator(Ct))
        {
            (await reading.MoveNextAsync()).ShouldBeTrue();

            // The read is still open on the sibling; the main handle's write must not queue behind it.
            var write = temp.Store.WriteUsageAsync([Record(5000)], [], Ct);
            (await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(30), Ct))).ShouldBe(write);
            (await write).Inserted.ShouldBe(1);
        }

        (await sibling.CountUsageAsync(Ct)).ShouldBe(5001);
        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(5001);
    }
}
