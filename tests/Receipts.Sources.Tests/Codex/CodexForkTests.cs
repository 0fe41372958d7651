using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Codex;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Codex;

/// <summary>
/// Forked and spawned Codex sessions (§7.3) open with a replay of the parent's history, token counts included.
/// Fixture (TestData/codex-forks): parent P counts 3000/1000/200 then 7000/4000/500 (cumulative input/cached/output);
/// fork F replays both at its creation, then its own turn reaches 9000/5500/650; subagent S replays both, gets its
/// parent's trigger message, then reaches 7600/4000/540 less than a second after it was created.
/// </summary>
public sealed class CodexForkTests
{
    private const string Directory = "codex-forks/sessions/2025/10/03/";
    private const string Parent = Directory + "rollout-2025-10-03T10-00-00-0199c0d1-aaaa-7aaa-8aaa-aaaaaaaaaaaa.jsonl";
    private const string Fork = Directory + "rollout-2025-10-03T11-00-00-0199c0d1-bbbb-7bbb-8bbb-bbbbbbbbbbbb.jsonl";
    private const string Subagent = Directory + "rollout-2025-10-03T12-00-00-0199c0d1-cccc-7ccc-8ccc-cccccccccccc.jsonl";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(ImportSummary Summary, List<UsageRecord> Records)> ImportAsync(TempTree tree)
    {
        var importer = new CodexImporter(tree.Store, new UsageImportOptions { MachineUser = "alice", Workers = 2 });
        var summary = await importer.ImportAsync([tree.PathOf("codex-forks/sessions")], null, Ct);
        return (summary, await tree.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync());
    }

    [Fact]
    public async Task Import_ParentForkAndSubagent_CountsTheParentsHistoryOnce()
    {
        await using var tree = await TempTree.CreateAsync("codex-forks");

        var (_, records) = await ImportAsync(tree);

        // Each session's own advances, in Anthropic semantics (input without the cached part):
        // P: 3000-1000 / 1000 / 200, then 4000-3000 / 3000 / 300; F: 2000-1500 / 1500 / 150; S: 600 / 0 / 40.
        records.Select(r => (r.SessionId, r.Tokens)).ShouldBe(
        [
            ("0199c0d1-aaaa-7aaa-8aaa-aaaaaaaaaaaa", new TokenCounts(input: 2000, output: 200, cacheRead: 1000, cacheWrite5m: 0, cacheWrite1h: 0)),
            ("0199c0d1-aaaa-7aaa-8aaa-aaaaaaaaaaaa", new TokenCounts(input: 1000, output: 300, cacheRead: 3000, cacheWrite5m: 0, cacheWrite1h: 0)),
            ("0199c0d1-bbbb-7bbb-8bbb-bbbbbbbbbbbb", new TokenCounts(input: 500, output: 150, cacheRead: 1500, cacheWrite5m: 0, cacheWrite1h: 0)),
            ("0199c0d1-cccc-7ccc-8ccc-cccccccccccc", new TokenCounts(input: 600, output: 40, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0)),
        ]);
    }

    [Fact]
    public async Task Import_ForkWhoseParentIsGone_CountsOnlyItsOwnTurn()
    {
        await using var tree = await TempTree.CreateAsync("codex-forks");
        File.Delete(tree.PathOf(Parent));
        File.Delete(tree.PathOf(Subagent));

        var (_, records) = await ImportAsync(tree);

        var own = records.ShouldHaveSingleItem();
        own.Tokens.ShouldBe(new TokenCounts(input: 500, output: 150, cacheRead: 1500, cacheWrite5m: 0, cacheWrite1h: 0));
        own.At.ShouldBe(new DateTimeOffset(2025, 10, 3, 11, 0, 9, TimeSpan.Zero));
        own.Model.ShouldBe("gpt-5-codex");
    }

    [Fact]
    public async Task Import_ForkReadBeforeItsOwnTurn_CountsTheTurnFromTheReplayedTotalsLater()
    {
        await using var tree = await TempTree.CreateAsync("codex-forks");
        File.Delete(tree.PathOf(Parent));
        File.Delete(tree.PathOf(Subagent));
        var lines = await File.ReadAllLinesAsync(tree.PathOf(Fork), Ct);
        var ownTurn = Array.FindIndex(lines, l => l.Contains("11:00:05", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(tree.PathOf(Fork), lines[..ownTurn], Ct);

        var (_, before) = await ImportAsync(tree);
        await File.AppendAllLinesAsync(tree.PathOf(Fork), lines[ownTurn..], Ct);
        var (summary, after) = await ImportAsync(tree);

        before.ShouldBeEmpty();
        summary.FilesRead.ShouldBe(1);
        after.ShouldHaveSingleItem().Tokens.ShouldBe(new TokenCounts(input: 500, output: 150, cacheRead: 1500, cacheWrite5m: 0, cacheWrite1h: 0));
    }
}
