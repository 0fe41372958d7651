using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.ClaudeCode;

/// <summary>
/// A first import appends each winning copy while it still reads (the store's bulk load); a later import, or one into
/// a store that already holds usage, merges. Both must keep the same copies: the fullest, the main-thread copy of a
/// sidechain replay, and on equal copies the one in the earlier path, whatever the number of workers.
/// </summary>
public sealed class ClaudeCodeBulkImportTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task FirstImport_StreamedWhileReading_KeepsTheSameCopiesAsTheMergedWrite()
    {
        await using var fresh = await TempTree.CreateAsync();
        await using var seeded = await TempTree.CreateAsync();
        WriteTranscripts(fresh.Root);
        WriteTranscripts(seeded.Root);
        var seed = new UsageRecord { Id = "generic:seed", SourceKind = "generic", At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Provider = "anthropic", Model = "claude-sonnet-4-5", Tokens = new TokenCounts(1, 1, 0, 0, 0) };
        await seeded.Store.WriteUsageAsync([seed], [], Ct);
        await using (var probe = await fresh.Store.BeginBulkLoadAsync(Ct))
        {
            probe.ShouldNotBeNull("an empty store offers the bulk path");
        }

        await using (var busy = await seeded.Store.BeginBulkLoadAsync(Ct))
        {
            busy.ShouldBeNull("a store holding usage merges instead");
        }

        var streamed = await ImportAsync(fresh, workers: 2);
        var merged = (await ImportAsync(seeded, workers: 2)).Where(r => r.Id != seed.Id).ToList();

        Describe(streamed, fresh.Root).ShouldBe(Describe(merged, seeded.Root));
        streamed.Count.ShouldBe(5);
        streamed.Single(r => r.MessageId == "msg_m1").Tokens.Output.ShouldBe(250, "the fuller copy in the later file displaces the streamed one");
        streamed.Single(r => r.MessageId == "msg_n1").Id.ShouldBe("anthropic:req:req_n1_main", "the main-thread copy displaces the sidechain replay");
        streamed.Single(r => r.MessageId == "msg_e1").SourceName.ShouldEndWith("a.jsonl", Case.Sensitive, "equal copies: the earlier path wins");
    }

    [Fact]
    public async Task FirstImport_OneWorkerOrFour_StoresTheSameLedger()
    {
        await using var one = await TempTree.CreateAsync();
        await using var four = await TempTree.CreateAsync();
        WriteTranscripts(one.Root);
        WriteTranscripts(four.Root);

        var a = await ImportAsync(one, workers: 1);
        var b = await ImportAsync(four, workers: 4);

        Describe(a, one.Root).ShouldBe(Describe(b, four.Root));
    }

    [Fact]
    public async Task FirstImport_ThatFails_WritesNothing_AndTheStoreStaysUsable()
    {
        await using var tree = await TempTree.CreateAsync();
        WriteTranscripts(tree.Root);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var importer = new ClaudeCodeImporter(tree.Store, new UsageImportOptions { MachineUser = "alice", Workers = 2 });

        await Should.ThrowAsync<OperationCanceledException>(() => importer.ImportAsync([Path.Combine(tree.Root, "projects")], null, cancelled.Token));

        (await tree.Store.CountUsageAsync(Ct)).ShouldBe(0);
        (await ImportAsync(tree, workers: 2)).Count.ShouldBe(5);
    }

    private static async Task<List<UsageRecord>> ImportAsync(TempTree tree, int workers)
    {
        var importer = new ClaudeCodeImporter(tree.Store, new UsageImportOptions { MachineUser = "alice", Workers = workers });
        await importer.ImportAsync([Path.Combine(tree.Root, "projects")], null, Ct);
        return await tree.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
    }

    private static List<string> Describe(IEnumerable<UsageRecord> records, string root) =>
        [.. records.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id} {r.Tokens} {r.IsSidechain} {r.SessionId} {Path.GetRelativePath(root, r.SourceName!)} {r.At:O}")];

    private static void WriteTranscripts(string root)
    {
        var folder = Path.Combine(root, "projects", "-home-alice-src-acme");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "a.jsonl"),
        [
            Assistant("sess-a", "req_m1", "msg_m1", output: 10, sidechain: false),
            Assistant("sess-a", "req_n1_side", "msg_n1", output: 100, sidechain: true),
            Assistant("sess-a", "req_e1", "msg_e1", output: 50, sidechain: false),
            Assistant("sess-a", "req_c1", "msg_c1", output: 5, sidechain: false),
        ]);
        File.WriteAllLines(Path.Combine(folder, "b.jsonl"),
        [
            Assistant("sess-b", "req_m1", "msg_m1", output: 250, sidechain: false),
            Assistant("sess-b", "req_n1_main", "msg_n1", output: 100, sidechain: false),
            Assistant("sess-b", "req_e1", "msg_e1", output: 50, sidechain: false),
            Assistant("sess-b", "req_d1", "msg_d1", output: 7, sidechain: false),
        ]);
    }

    /// <summary>A Claude Code transcript line for one API response, in the real shape.</summary>
    private static string Assistant(string session, string requestId, string messageId, long output, bool sidechain) =>
        $$$"""
        {"parentUuid":"4b2f8e61","isSidechain":{{{(sidechain ? "true" : "false")}}},"userType":"external","cwd":"/home/alice/src/acme","sessionId":"{{{session}}}","version":"2.1.50","gitBranch":"main","message":{"id":"{{{messageId}}}","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"done"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":{{{output}}},"service_tier":"standard"}},"requestId":"{{{requestId}}}","type":"assistant","uuid":"7d1e9c2a","timestamp":"2026-11-22T22:40:37.397Z"}
        """.Replace("\n", string.Empty, StringComparison.Ordinal);
}
