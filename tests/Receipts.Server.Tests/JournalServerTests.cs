using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Server.Metrics;
using Receipts.Server.Storage;

namespace Receipts.Server.Tests;

/// <summary>The journal seen from a sender and from the host: early answers, and a graceful stop that waits for the store.</summary>
public sealed class JournalServerTests : IAsyncLifetime
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
    public async Task HeldCommit_SendersGet200WithoutCounts_AndAGracefulStopWaitsUntilTheStoreHasEveryBatch()
    {
        var store = await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, Path.Combine(_directory, "r.duckdb")), _time, CancellationToken.None);
        var held = HeldStore.Wrap(store.Usage);
        _server = await RunningServer.StartAsync(store, _time, o => o.JournalAckAfter = TimeSpan.FromMilliseconds(10), s => s.AddSingleton(held));
        HeldStore.Of(held).Hold();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async b =>
        {
            using var request = Usage.Post(Usage.Batch(Enumerable.Range(0, 25).Select(i => Usage.Record($"held-{b}-{i}"))), _server.IngestToken);
            return await _server.Client.SendAsync(request);
        })).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            body.RootElement.GetProperty("accepted").GetInt32().ShouldBe(25);
            body.RootElement.GetProperty("inserted").ValueKind.ShouldBe(JsonValueKind.Null, "answered from the journal: the store has not counted it yet");
        }

        (await store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        _server.App.Services.GetRequiredService<CollectorMetrics>().JournalAnsweredBatches.ShouldBe(4);

        var stopping = _server.App.StopAsync();
        await Task.Delay(200);
        HeldStore.Of(held).Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        (await store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(4 * 25, "the stop waited for the store to apply what the journal answered");
    }
}
