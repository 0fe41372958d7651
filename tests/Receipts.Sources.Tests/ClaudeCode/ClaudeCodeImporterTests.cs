using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.ClaudeCode;

public sealed class ClaudeCodeImporterTests
{
    private const string Acme = "claude/projects/-home-alice-src-acme-api";
    private const string Other = "claude/projects/-home-alice-src-other";
    private const string SessionA = "11111111-1111-4111-8111-111111111111";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly UsageImportOptions Options = new() { MachineUser = "alice", Workers = 2 };

    private static async Task<(ImportSummary Summary, List<UsageRecord> Records)> ImportAsync(TempTree tree, params string[] directories)
    {
        var importer = new ClaudeCodeImporter(tree.Store, Options);
        var summary = await importer.ImportAsync(directories.Select(tree.PathOf).ToList(), null, Ct);
        var records = await tree.Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        return (summary, records);
    }

    private static UsageRecord One(List<UsageRecord> records, string messageId) => records.Single(r => r.MessageId == messageId);

    [Fact]
    public async Task Import_FixtureTree_CountsEachResponseOnce()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        // A1 (3 lines + resume replay), A2 (+ sidechain replay), S1, B1 (+ copy in another session), P1 (2 lines, no
        // request id), chatcmpl-1 at two instants, L1 (legacy), G1 (the good line among bad ones).
        records.Count.ShouldBe(9);
        summary.Records.ShouldBe(9);
        summary.Write.Inserted.ShouldBe(9);
        summary.FilesFound.ShouldBe(6);
        var total = records.Aggregate(TokenCounts.Zero, (sum, r) => sum + r.Tokens);
        total.ShouldBe(new TokenCounts(input: 50, output: 642, cacheRead: 4900, cacheWrite5m: 190, cacheWrite1h: 200));
    }

    [Fact]
    public async Task Import_OneResponseOnManyLines_KeepsTheLargestOutput()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (_, records) = await ImportAsync(tree, "claude/projects");

        var a1 = One(records, "msg_01A1");
        a1.Id.ShouldBe("anthropic:req:req_011A1");
        a1.Tokens.ShouldBe(new TokenCounts(3, 250, 1000, 100, 0));
        a1.At.ShouldBe(new DateTimeOffset(2025, 6, 2, 22, 40, 38, 500, TimeSpan.Zero));
    }

    [Fact]
    public async Task Import_SidechainReplay_KeepsTheMainThreadCopy()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (_, records) = await ImportAsync(tree, "claude/projects");

        var a2 = One(records, "msg_01A2");
        a2.IsSidechain.ShouldBeFalse();
        a2.RequestId.ShouldBe("req_011A2");
        records.ShouldNotContain(r => r.RequestId == "req_011X9");
        One(records, "msg_01S1").IsSidechain.ShouldBeTrue();
    }

    [Fact]
    public async Task Import_KeepsEveryContextField()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (_, records) = await ImportAsync(tree, "claude/projects");

        var a2 = One(records, "msg_01A2");
        a2.Tokens.ShouldBe(new TokenCounts(5, 40, 1100, 0, 200));
        a2.WebSearchRequests.ShouldBe(2);
        a2.ServiceTier.ShouldBe("standard");
        a2.Speed.ShouldBe("fast");
        a2.InferenceGeo.ShouldBe("us");
        a2.Model.ShouldBe("claude-sonnet-4-5-20250929");
        a2.Provider.ShouldBe("anthropic");
        a2.SessionId.ShouldBe(SessionA);
        a2.Cwd.ShouldBe("/home/alice/src/acme-api");
        a2.Repo.ShouldBe("/home/alice/src/acme-api");   // no such repository on this machine: the path stands in
        a2.Branch.ShouldBe("feat/PAY-123-refunds");
        a2.TicketIds.ShouldBe(["PAY-123"]);
        a2.Tool.ShouldBe("claude-code");
        a2.ToolVersion.ShouldBe("2.0.31");
        a2.MachineUser.ShouldBe("alice");
        a2.Cost.ShouldBeNull();
    }

    [Fact]
    public async Task Import_LegacyLine_UsesCostUsdAndCountsFlatCacheWritesAs5m()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (_, records) = await ImportAsync(tree, "claude/projects");

        var legacy = One(records, "msg_01L1");
        legacy.Cost.ShouldBe(0.0123m);
        legacy.CostBasis.ShouldBe(CostBasis.Estimated);
        legacy.Tokens.ShouldBe(new TokenCounts(12, 80, 0, 40, 0));
        legacy.Branch.ShouldBeNull();
        legacy.ToolVersion.ShouldBe("1.0.8");
    }

    [Fact]
    public async Task Import_WithoutRequestId_KeysOnMsgIdElseOnSessionIdAndInstant()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (_, records) = await ImportAsync(tree, "claude/projects");

        One(records, "msg_01P1").Tokens.Output.ShouldBe(60);
        One(records, "msg_01P1").RequestId.ShouldBeNull();
        records.Where(r => r.MessageId == "chatcmpl-1").Select(r => r.Tokens.Input).Order().ShouldBe([4L, 6L]);
    }

    [Fact]
    public async Task Import_BadLines_AreSkippedAndCountedWithTheirPlace()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (summary, _) = await ImportAsync(tree, "claude/projects");

        var bad = tree.PathOf($"{Other}/55555555-5555-4555-8555-555555555555.jsonl");
        summary.LinesSkipped.ShouldBe(8);
        summary.Diagnostics.Select(d => (d.File, d.Line, d.Reason)).ShouldBe(
        [
            (bad, 1L, "malformed JSON"),
            (bad, 2L, "malformed JSON"),
            (bad, 3L, "assistant line without usage"),
            (bad, 4L, "usage without input_tokens or output_tokens"),
            (bad, 5L, "negative token count"),
            (bad, 6L, "absurd token count (over 10^9 in one request)"),
            (bad, 7L, "token count is not a whole number"),
            (bad, 8L, "missing or invalid timestamp"),
        ]);
        summary.SkippedByReason["malformed JSON"].ShouldBe(2);
    }

    [Fact]
    public async Task Import_TruncatedLastLine_IsLeftForNextTimeNotAnError()
    {
        await using var tree = await TempTree.CreateAsync("claude");

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.IncompleteLines.ShouldBe(1);
        records.ShouldNotContain(r => r.MessageId == "msg_01T1");
    }

    [Fact]
    public async Task Import_Twice_SecondRunReadsNothingAndChangesNothing()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        var (_, first) = await ImportAsync(tree, "claude/projects");

        var (summary, second) = await ImportAsync(tree, "claude/projects");

        second.Select(r => (r.Id, r.Tokens, r.IsSidechain)).ShouldBe(first.Select(r => (r.Id, r.Tokens, r.IsSidechain)));
        summary.BytesRead.ShouldBe(120);   // only the unfinished last line, read again
        summary.FilesRead.ShouldBe(1);
        summary.Write.ShouldBe(new UsageWriteResult(0, 0, 0));
    }

    [Fact]
    public async Task Import_AppendedLines_ReadsOnlyTheNewBytes()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        await ImportAsync(tree, "claude/projects");
        var file = tree.PathOf($"{Acme}/22222222-2222-4222-8222-222222222222.jsonl");
        var line = Line("22222222-2222-4222-8222-222222222222", "msg_01N1", "req_011N1", "2025-06-03T08:10:00.000Z", input: 9, output: 11);
        await File.AppendAllTextAsync(file, line, Ct);

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.BytesRead.ShouldBe(line.Length + 120);
        summary.Write.Inserted.ShouldBe(1);
        records.Count.ShouldBe(10);
        One(records, "msg_01N1").Tokens.Output.ShouldBe(11);
    }

    [Fact]
    public async Task Import_CompletedLastLine_IsReadNextTime()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        await ImportAsync(tree, "claude/projects");
        var file = tree.PathOf($"{Other}/55555555-5555-4555-8555-555555555555.jsonl");
        var text = await File.ReadAllTextAsync(file, Ct);
        var cut = text.LastIndexOf('\n') + 1;
        var full = Line("55555555-5555-4555-8555-555555555555", "msg_01T1", "req_011T1", "2025-06-04T10:05:00.000Z", input: 1, output: 2);
        await File.WriteAllTextAsync(file, text[..cut] + full, Ct);

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.IncompleteLines.ShouldBe(0);
        summary.FilesReset.ShouldBe(0);
        summary.LinesSkipped.ShouldBe(0);   // the bad lines before the cursor are not read again
        One(records, "msg_01T1").Tokens.Output.ShouldBe(2);
    }

    [Fact]
    public async Task Import_TruncatedFile_IsReadAgainFromTheStart()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        await ImportAsync(tree, "claude/projects");
        var file = tree.PathOf($"{Acme}/{SessionA}.jsonl");
        var lines = await File.ReadAllLinesAsync(file, Ct);
        await File.WriteAllLinesAsync(file, lines[..2], Ct);

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.FilesReset.ShouldBe(1);
        summary.Write.Inserted.ShouldBe(0);
        records.Count.ShouldBe(9);   // nothing lost, nothing doubled
    }

    [Fact]
    public async Task Import_RewrittenFile_IsReadAgainFromTheStart()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        await ImportAsync(tree, "claude/projects");
        var file = tree.PathOf($"{Acme}/22222222-2222-4222-8222-222222222222.jsonl");
        var rewritten = Line("22222222-2222-4222-8222-222222222222", "msg_01R1", "req_011R1", "2025-06-03T08:00:00.000Z", 1, 1)
            + await File.ReadAllTextAsync(file, Ct);
        await File.WriteAllTextAsync(file, rewritten, Ct);

        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.FilesReset.ShouldBe(1);
        summary.Write.Inserted.ShouldBe(1);
        records.Count.ShouldBe(10);
    }

    [Fact]
    public async Task Import_DeletedFile_KeepsItsRecords()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        await ImportAsync(tree, "claude/projects");
        File.Delete(tree.PathOf($"{Other}/44444444-4444-4444-8444-444444444444.jsonl"));

        var (_, records) = await ImportAsync(tree, "claude/projects");

        records.Count.ShouldBe(9);
    }

    [Fact]
    public async Task Import_SidechainReplayInALaterRun_AddsNoSecondRecord()
    {
        await using var tree = await TempTree.CreateAsync("claude");
        var subagents = tree.PathOf($"{Acme}/{SessionA}/subagents");
        var aside = tree.PathOf("aside");
        Directory.Move(subagents, aside);
        await ImportAsync(tree, "claude/projects");

        Directory.Move(aside, subagents);
        var (summary, records) = await ImportAsync(tree, "claude/projects");

        summary.Write.Inserted.ShouldBe(1);     // S1, the subagent's own request
        summary.Write.Unchanged.ShouldBe(1);    // the replay of A2
        records.Where(r => r.MessageId == "msg_01A2").Select(r => r.RequestId).ShouldBe(["req_011A2"]);
    }

    [Fact]
    public async Task Import_LinesOfManyMegabytes_AreParsedWithoutHoldingThem()
    {
        await using var tree = await TempTree.CreateAsync();
        var directory = tree.PathOf("big/projects/-p");
        Directory.CreateDirectory(directory);
        var image = new string('A', 9 << 20);
        var user = $$$"""{"type":"user","sessionId":"s","timestamp":"2025-06-02T22:40:30.001Z","message":{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{image}}}"}}]}}""";
        var assistant = """{"type":"assistant","sessionId":"s","cwd":"/p","timestamp":"2025-06-02T22:40:31.000Z","requestId":"req_big","message":{"id":"msg_big","model":"claude-opus-4-6","content":[{"type":"tool_use","id":"t","name":"Write","input":{"file_path":"/p/x","content":" """.TrimEnd()
            + image + """\"quoted\"\\"}}],"usage":{"input_tokens":7,"cache_read_input_tokens":70,"output_tokens":700}}}""";
        await File.WriteAllTextAsync(Path.Combine(directory, "s.jsonl"), user + "\n" + assistant + "\n" + Line("s", "msg_after", "req_after", "2025-06-02T22:40:32.000Z", 1, 1), Ct);

        var (summary, records) = await ImportAsync(tree, "big/projects");

        summary.LinesSkipped.ShouldBe(0);
        records.Select(r => (r.MessageId, r.Tokens.Output)).OrderBy(r => r.MessageId).ShouldBe([("msg_after", 1L), ("msg_big", 700L)]);
    }

    internal static string Line(string session, string messageId, string requestId, string timestamp, long input, long output) =>
        $$$"""{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/alice/src/acme-api","sessionId":"{{{session}}}","version":"2.0.31","gitBranch":"main","message":{"id":"{{{messageId}}}","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"ok"}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":{{{input}}},"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":{{{output}}}}},"requestId":"{{{requestId}}}","type":"assistant","uuid":"9d1e9c2a-0b5f-4c3e-a8d2-61f0e4b9c7a1","timestamp":"{{{timestamp}}}"}""" + "\n";
}
