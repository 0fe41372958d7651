using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class UsageStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static UsageRecord Record(string id, long output, bool sidechain = false) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(3, output, 100, 10, 0),
        IsSidechain = sidechain,
        TicketIds = ["PAY-1"],
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
        Repo = "github.com/acme/payments",
    };

    [Fact]
    public async Task Write_ThenRead_RoundTripsEveryField()
    {
        await using var temp = await TempStore.CreateAsync();
        var record = Record("a", 5) with { Cost = 0.123456789012m, CostBasis = CostBasis.Billed, RequestId = "req_1", MessageId = "msg_1" };

        var result = await temp.Store.WriteUsageAsync([record], [], Ct);
        var read = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();

        result.ShouldBe(new UsageWriteResult(1, 0, 0));
        read.Count.ShouldBe(1);
        (read[0] with { TicketIds = record.TicketIds, Tags = record.Tags }).ShouldBe(record);
        read[0].TicketIds.ShouldBe(record.TicketIds);
        read[0].Tags.ShouldBe(record.Tags);
    }

    [Fact]
    public async Task Write_SameRecordTwice_ChangesNothing()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        var again = await temp.Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        again.ShouldBe(new UsageWriteResult(0, 0, 1));
        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Write_FullerCopy_ReplacesThinnerOne_AndThinnerNeverReplacesFuller()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        var fuller = await temp.Store.WriteUsageAsync([Record("a", 400)], [], Ct);
        var thinner = await temp.Store.WriteUsageAsync([Record("a", 1)], [], Ct);

        fuller.Replaced.ShouldBe(1);
        thinner.Unchanged.ShouldBe(1);
        (await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync()).Tokens.Output.ShouldBe(400);
    }

    [Fact]
    public async Task Write_MainThreadCopy_ReplacesSidechainReplay()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteUsageAsync([Record("a", 900, sidechain: true)], [], Ct);

        await temp.Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        (await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync()).IsSidechain.ShouldBeFalse();
    }

    [Fact]
    public async Task Write_SavesCursorsInTheSameTransaction()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.WriteUsageAsync([Record("a", 5)], [new SourceCursor("claude-code", "/x.jsonl", "{\"offset\":10}")], Ct);
        await temp.Store.WriteUsageAsync([], [new SourceCursor("claude-code", "/x.jsonl", "{\"offset\":20}")], Ct);
        var cursors = await temp.Store.GetCursorsAsync("claude-code", Ct);

        cursors.Count.ShouldBe(1);
        cursors["/x.jsonl"].State.ShouldBe("{\"offset\":20}");
    }

    [Fact]
    public async Task Read_FiltersByInstantRange_UntilExclusive()
    {
        await using var temp = await TempStore.CreateAsync();
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        await temp.Store.WriteUsageAsync([Record("a", 1) with { At = at }, Record("b", 1) with { At = at.AddHours(1) }], [], Ct);

        var read = await temp.Store.ReadUsageAsync(new UsageFilter { Since = at, Until = at.AddHours(1) }, Ct).ToListAsync();

        read.Select(r => r.Id).ShouldBe(["a"]);
    }

    [Fact]
    public async Task Open_PathThatIsADirectory_ThrowsStoreUnavailable()
    {
        var directory = Directory.CreateTempSubdirectory("receipts-tests-dir").FullName;

        var e = await Should.ThrowAsync<StoreUnavailableException>(() => DuckDb.DuckDbStore.OpenAsync(directory, TimeProvider.System, Ct));

        e.Location.ShouldBe(directory);
    }
}
