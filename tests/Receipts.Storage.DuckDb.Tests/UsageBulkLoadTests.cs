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
    public async Task ManyRows_AcrossSeveralAppenders_AreAllCommittedOnce_AndWithdrawalsReachEarlierOnes()
    {
        // More rows than one appender takes before the load closes it and opens the next (16,384).
        await using var temp = await TempStore.CreateAsync();
        const int Rows = 40_000;

        UsageWriteResult result;
        await using (var load = (await temp.Store.BeginBulkLoadAsync(Ct)).ShouldNotBeNull())
        {
            for (var i = 0; i < Rows; i++)
            {
                load.Append(Record($"r{i:D5}", i));
            }

            result = await load.CommitAsync(["r00007", "r20000"], [Record("r00007", 7_000_000)], [], Ct);
        }

        result.Inserted.ShouldBe(Rows - 1);
        var stored = await temp.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        stored.Count.ShouldBe(Rows - 1);
        stored.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count().ShouldBe(Rows - 1);
        stored.Sum(r => r.Tokens.Output).ShouldBe((long)Rows * (Rows - 1) / 2 - 7 - 20_000 + 7_000_000);
        stored.ShouldNotContain(r => r.Id == "r20000");
    }

    [Fact]
    public async Task ManyRows_DisposedWithoutCommit_WriteNothing()
    {
        // Rows already handed to DuckDB by a closed appender are still the transaction's: a rollback drops them too.
        await using var temp = await TempStore.CreateAsync();

        await using (var load = (await temp.Store.BeginBulkLoadAsync(Ct)).ShouldNotBeNull())
        {
            for (var i = 0; i < 20_000; i++)
            {
                load.Append(Record($"r{i:D5}", i));
            }
        }

        (await temp.Store.CountUsageAsync(Ct)).ShouldBe(0);
        await using var again = await temp.Store.BeginBulkLoadAsync(Ct);
        again.ShouldNotBeNull("the store is still empty, so a next import bulk loads again");
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
