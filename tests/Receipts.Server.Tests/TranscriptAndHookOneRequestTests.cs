using System.Net;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Server.Storage;
using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Identity;

namespace Receipts.Server.Tests;

/// <summary>
/// One Anthropic request reaches the store twice: from `receipts import claude-code` (the transcript) and from the
/// collector (a hook's POST, ids built with <see cref="UsageRecordIds"/>). Both use one id, so it counts once
/// (invariant 1), in either order.
/// </summary>
public sealed class TranscriptAndHookOneRequestTests : IAsyncLifetime
{
    private const string Line =
        """{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/alice/src/acme-api","sessionId":"s-1","version":"2.0.31","gitBranch":"feat/PAY-7","message":{"id":"msg_01X","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"(not read)"}],"usage":{"input_tokens":3,"cache_creation_input_tokens":10,"cache_read_input_tokens":100,"output_tokens":5}},"requestId":"req_01X","type":"assistant","uuid":"u-1","timestamp":"2026-11-20T10:00:00.000Z"}""";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        var project = Path.Combine(_directory, "projects", "-home-alice-src-acme-api");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "s-1.jsonl"), Line + "\n");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ImportAndHookPost_OfOneRequest_CountOnce(bool importFirst)
    {
        var store = await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(_directory, "r.duckdb")), _time, CancellationToken.None);
        await using var server = await RunningServer.StartAsync(store, _time);
        var importer = new ClaudeCodeImporter(store.Usage);
        var hookRecord = $$"""
            {"id":"{{UsageRecordIds.ForAnthropic("req_01X", "msg_01X")}}","sourceKind":"claude-code","at":"2026-11-20T10:00:00Z",
             "provider":"anthropic","model":"claude-sonnet-4-5-20250929","messageId":"msg_01X","requestId":"req_01X","sessionId":"s-1",
             "tokens":{"input":3,"output":5,"cacheRead":100,"cacheWrite5m":10,"cacheWrite1h":0},"requests":1}
            """;

        if (importFirst)
        {
            await importer.ImportAsync([Path.Combine(_directory, "projects")], null, CancellationToken.None);
        }

        using var hook = Usage.Post(Usage.Batch(hookRecord), server.IngestToken);
        hook.RequestUri = new Uri("/v1/hooks/usage", UriKind.Relative);
        using var posted = await server.Client.SendAsync(hook);
        if (!importFirst)
        {
            await importer.ImportAsync([Path.Combine(_directory, "projects")], null, CancellationToken.None);
        }

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var records = await store.Usage.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        var only = records.ShouldHaveSingleItem();
        only.Id.ShouldBe("anthropic:req:req_01X");
        only.Tokens.Total.ShouldBe(118);
    }
}
