using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>The lean read reports use, and the first write into an empty store (appended straight into the table).</summary>
public sealed class UsageReadForReportTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static UsageRecord Record(string id, int minute, string model = "claude-sonnet-4-5") => new()
    {
        Id = id,
        SourceKind = "claude-code",
        SourceName = "/logs/" + id + ".jsonl",
        At = new DateTimeOffset(2026, 11, 20, 10, minute, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = model,
        ServiceTier = "standard",
        Speed = "fast",
        InferenceGeo = "us",
        Tokens = new TokenCounts(3 + minute, 50, 100, 10, 7),
        WebSearchRequests = 2,
        Requests = 1,
        Cost = minute == 1 ? 0.25m : null,
        CostBasis = minute == 1 ? CostBasis.Billed : CostBasis.Estimated,
        MessageId = "msg_" + id,
        RequestId = "req_" + id,
        SessionId = "s1",
        Repo = "github.com/acme/payments",
        Branch = "PAY-1-fix",
        Cwd = "/src/payments",
        TicketIds = ["PAY-1"],
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
    };

    [Fact]
    public async Task ReadUsageForReport_CarriesEveryReportField_InTimeOrder_AndLeavesTheRestEmpty()
    {
        await using var temp = await TempStore.CreateAsync();
        UsageRecord[] records = [Record("b", 2), Record("a", 1, "claude-opus-4-6"), Record("c", 3)];
        await temp.Store.WriteUsageAsync(records, [], Ct);

        var lean = await temp.Store.ReadUsageForReportAsync(UsageFilter.All, Ct).ToListAsync();

        lean.Select(r => r.At.Minute).ShouldBe([1, 2, 3]);
        foreach (var read in lean)
        {
            var written = records.Single(r => r.At == read.At);
            var expected = written with
            {
                Id = string.Empty,
                SourceName = null,
                MessageId = null,
                RequestId = null,
                TicketIds = [],
                Tags = new Dictionary<string, string>(),
            };
            (read with { TicketIds = expected.TicketIds, Tags = expected.Tags }).ShouldBe(expected);
            read.TicketIds.ShouldBeEmpty();
            read.Tags.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task ReadUsageForReport_AppliesTheFilter()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteUsageAsync([Record("a", 1), Record("b", 2), Record("c", 3)], [], Ct);
        var filter = new UsageFilter
        {
            Since = new DateTimeOffset(2026, 11, 20, 10, 2, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 11, 20, 10, 3, 0, TimeSpan.Zero),
        };

        var lean = await temp.Store.ReadUsageForReportAsync(filter, Ct).ToListAsync();

        lean.Select(r => r.At.Minute).ShouldBe([2]);
    }

    [Fact]
    public async Task FirstWrite_IntoAnEmptyStore_CountsInsertsAndSavesCursors_AndALaterWriteMerges()
    {
        await using var temp = await TempStore.CreateAsync();

        var first = await temp.Store.WriteUsageAsync([Record("a", 1), Record("b", 2)], [new SourceCursor("claude-code", "/logs/a.jsonl", "{\"o\":1}")], Ct);
        var second = await temp.Store.WriteUsageAsync([Record("a", 1), Record("c", 3)], [], Ct);

        first.ShouldBe(new UsageWriteResult(2, 0, 0));
        second.ShouldBe(new UsageWriteResult(1, 0, 1));
        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(3);
        (await temp.Store.GetCursorsAsync("claude-code", Ct)).Keys.ShouldBe(["/logs/a.jsonl"]);
    }

    [Fact]
    public async Task FirstWrite_WithOneIdTwice_KeepsTheFullerCopy()
    {
        await using var temp = await TempStore.CreateAsync();
        var thin = Record("a", 1);
        var full = thin with { Tokens = new TokenCounts(4, 900, 100, 10, 7) };

        var result = await temp.Store.WriteUsageAsync([thin, full], [], Ct);

        result.ShouldBe(new UsageWriteResult(1, 0, 0));
        (await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync()).Tokens.Output.ShouldBe(900);
    }
}
