using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class UsageBulkLoadTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static UsageRecord Record(string id, long output) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, output, 0, 0, 0),
    };

    [Fact]
    public async Task Commit_RemovesWithdrawnRows_AddsTheLateCopies_AndSavesCursorsWithThem()
    {
        await using var temp = await TempStore.CreateAsync();

        UsageWriteResult result;
        await using (var load = (await temp.Store.BeginBulkLoadAsync(Ct)).ShouldNotBeNull())
        {
            load.Append(Record("a", 10));
            load.Append(Record("b", 20));
            load.Append(Record("c", 30));
            result = await load.CommitAsync(["a", "c"], [Record("a", 99), Record("d", 40), Record("d", 41)], [new SourceCursor("claude-code", "f.jsonl", "{}")], Ct);
        }

        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        stored.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id}:{r.Tokens.Output}").ShouldBe(["a:99", "b:20", "d:41"]);
        result.Inserted.ShouldBe(3);
        (await temp.Store.GetCursorsAsync("claude-code", Ct)).ContainsKey("f.jsonl").ShouldBeTrue();
    }

    [Fact]
    public async Task DisposedWithoutCommit_WritesNothing_AndReleasesTheStore()
    {
        await using var temp = await TempStore.CreateAsync();

        await using (var load = (await temp.Store.BeginBulkLoadAsync(Ct)).ShouldNotBeNull())
        {
            load.Append(Record("a", 10));
        }

        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(0);
        await temp.Store.WriteUsageAsync([Record("b", 1)], [], Ct);
        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(1);
        (await temp.Store.BeginBulkLoadAsync(Ct)).ShouldBeNull("a ledger that holds usage is merged into, not bulk loaded");
    }
}
