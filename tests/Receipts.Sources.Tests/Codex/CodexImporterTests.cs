using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Codex;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Codex;

public sealed class CodexImporterTests
{
    private const string MainFile = "codex/sessions/2025/10/01/rollout-2025-10-01T09-00-00-0199a0b1-1111-7111-8111-111111111111.jsonl";
    private const string MainSession = "0199a0b1-1111-7111-8111-111111111111";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(ImportSummary Summary, List<UsageRecord> Records)> ImportAsync(TempTree tree)
    {
        var importer = new CodexImporter(tree.Store, new UsageImportOptions { MachineUser = "alice", Workers = 2 });
        var directories = CodexRoots.SessionDirectories(tree.PathOf("codex"), acceptPlainFolder: false);
        var summary = await importer.ImportAsync(directories, null, Ct);
        return (summary, await tree.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync());
    }

    [Fact]
    public async Task Import_Fixture_CountsEachAdvanceOfTheTotalsOnce()
    {
        await using var tree = await TempTree.CreateAsync("codex");

        var (summary, records) = await ImportAsync(tree);

        // Main session: 3500/750/425, a re-emitted copy, then 6000/2750/700. Archived session: 1000/0/100.
        summary.FilesFound.ShouldBe(2);   // the archived copy of the main session is left out
        records.Select(r => r.Tokens).ShouldBe(
        [
            new TokenCounts(input: 1000, output: 100, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0),
            new TokenCounts(input: 2750, output: 425, cacheRead: 750, cacheWrite5m: 0, cacheWrite1h: 0),
            new TokenCounts(input: 500, output: 275, cacheRead: 2000, cacheWrite5m: 0, cacheWrite1h: 0),
        ]);
    }

    [Fact]
    public async Task Import_Fixture_TakesModelFromTurnContextAndContextFromSessionMeta()
    {
        await using var tree = await TempTree.CreateAsync("codex");

        var (_, records) = await ImportAsync(tree);

        var first = records.Single(r => r.Tokens.Output == 425);
        first.Model.ShouldBe("gpt-5-codex");
        first.Provider.ShouldBe("openai");
        first.SessionId.ShouldBe(MainSession);
        first.Repo.ShouldBe("github.com/acme/payments");
        first.Branch.ShouldBe("feat/PAY-7-ledger");
        first.TicketIds.ShouldBe(["PAY-7"]);
        first.Cwd.ShouldBe("/home/alice/src/acme-api");
        first.Tool.ShouldBe("codex");
        first.ToolVersion.ShouldBe("0.44.0");
        first.At.ShouldBe(new DateTimeOffset(2025, 10, 1, 9, 1, 0, TimeSpan.Zero));
        first.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_SessionWithoutModel_FallsBackToGpt5AndFlagsIt()
    {
        await using var tree = await TempTree.CreateAsync("codex");

        var (_, records) = await ImportAsync(tree);

        var archived = records.Single(r => r.Tokens.Output == 100);
        archived.Model.ShouldBe("gpt-5");
        archived.Tags["model_fallback"].ShouldBe("true");
        archived.Repo.ShouldBe("/nonexistent/receipts-fixture/proj");
    }

    [Fact]
    public async Task Import_BadLines_AreSkippedAndCounted()
    {
        await using var tree = await TempTree.CreateAsync("codex");

        var (summary, _) = await ImportAsync(tree);

        summary.Diagnostics.Select(d => (d.Line, d.Reason)).ShouldBe([(2L, "malformed JSON"), (3L, "negative token count")]);
    }

    [Fact]
    public async Task Import_AppendedTokenCount_CountsTheDeltaFromTheCursorState()
    {
        await using var tree = await TempTree.CreateAsync("codex");
        await ImportAsync(tree);
        await File.AppendAllTextAsync(
            tree.PathOf(MainFile),
            """{"timestamp":"2025-10-01T09:05:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":9000,"cached_input_tokens":5000,"output_tokens":760,"reasoning_output_tokens":420,"total_tokens":9760},"last_token_usage":{"input_tokens":3000,"cached_input_tokens":2250,"output_tokens":60,"reasoning_output_tokens":20,"total_tokens":3060},"model_context_window":272000},"rate_limits":null}}""" + "\n",
            Ct);

        var (summary, records) = await ImportAsync(tree);

        summary.FilesRead.ShouldBe(1);
        summary.Write.Inserted.ShouldBe(1);
        var appended = records.Single(r => r.At == new DateTimeOffset(2025, 10, 1, 9, 5, 0, TimeSpan.Zero));
        appended.Tokens.ShouldBe(new TokenCounts(input: 750, output: 60, cacheRead: 2250, cacheWrite5m: 0, cacheWrite1h: 0));
        appended.Model.ShouldBe("gpt-5-codex");
        appended.Repo.ShouldBe("github.com/acme/payments");
    }

    [Fact]
    public async Task Import_Twice_ChangesNothing()
    {
        await using var tree = await TempTree.CreateAsync("codex");
        await ImportAsync(tree);

        var (summary, records) = await ImportAsync(tree);

        summary.FilesRead.ShouldBe(0);
        records.Count.ShouldBe(3);
    }
}
