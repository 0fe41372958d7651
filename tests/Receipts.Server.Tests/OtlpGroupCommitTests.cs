using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Server.Ingest;
using Receipts.Server.Storage;

namespace Receipts.Server.Tests;

/// <summary>
/// OTLP batches share the collector's group commit with <c>/v1/usage</c> and hooks: while one commit runs,
/// batches arriving on any path wait and are committed together in the next transaction (one fsync for many).
/// </summary>
public sealed class OtlpGroupCommitTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private RunningServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ConcurrentOtlpAndUsageBatches_WhileACommitRuns_AreCommittedTogetherInOneTransaction()
    {
        var store = await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(_directory, "r.duckdb")), _time, CancellationToken.None);
        var gated = HeldStore.Wrap(store.Usage);
        _server = await RunningServer.StartAsync(store, _time, services: s => s.AddSingleton(gated));
        HeldStore.Of(gated).Hold();
        var committer = _server.App.Services.GetRequiredService<GroupCommitter>();

        // The first batch's commit is held open; everything posted meanwhile queues behind it.
        var first = PostLogsAsync(0);
        await Until(() => HeldStore.Of(gated).Calls == 1);
        var waiting = Enumerable.Range(1, 6).Select(PostLogsAsync).Append(PostUsageAsync()).ToList();
        await Until(() => committer.Waiting == 7);
        HeldStore.Of(gated).Release();

        foreach (var response in await Task.WhenAll(waiting.Prepend(first)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        HeldStore.Of(gated).Calls.ShouldBe(2, "the held commit, then one group of the seven batches that waited");
        (await store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe((7 * 3) + 1);
    }

    private async Task<HttpResponseMessage> PostLogsAsync(int batch)
    {
        var nanos = _time.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds() * 1_000_000;
        var records = string.Join(",", Enumerable.Range(0, 3).Select(i => $$$"""
            {"timeUnixNano":"{{{nanos}}}","body":{"stringValue":"claude_code.api_request"},"attributes":[
              {"key":"event.name","value":{"stringValue":"api_request"}},{"key":"session.id","value":{"stringValue":"s{{{batch}}}"}},
              {"key":"model","value":{"stringValue":"claude-sonnet-4-5"}},{"key":"request_id","value":{"stringValue":"req_{{{batch}}}_{{{i}}}"}},
              {"key":"input_tokens","value":{"intValue":"10"}},{"key":"output_tokens","value":{"intValue":"20"}},
              {"key":"cache_read_tokens","value":{"intValue":"0"}},{"key":"cache_creation_tokens","value":{"intValue":"0"}},
              {"key":"cost_usd","value":{"doubleValue":0.00033}}]}
            """));
        var body = $$$"""{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},"scopeLogs":[{"scope":{"name":"com.anthropic.claude_code"},"logRecords":[{{{records}}}]}]}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server!.IngestToken);
        return await _server.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostUsageAsync()
    {
        using var request = Usage.Post(Usage.Batch(Usage.Record("gen-1")), _server!.IngestToken);
        return await _server.Client.SendAsync(request);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (TimeProvider.System.TimestampFrequency * 30);
        while (!condition())
        {
            TimeProvider.System.GetTimestamp().ShouldBeLessThan(deadline, "timed out waiting for the batches to queue");
            await Task.Delay(10);
        }
    }
}
