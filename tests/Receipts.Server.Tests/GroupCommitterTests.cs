using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Ingest;
using Receipts.Storage.DuckDb;

namespace Receipts.Server.Tests;

public sealed class GroupCommitterTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private DuckDbStore _store = null!;

    public async Task InitializeAsync() => _store = await DuckDbStore.OpenAsync(Path.Combine(_directory, "r.duckdb"), TimeProvider.System, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static List<UsageRecord> Batch(int batch, int size, long output = 5) => Enumerable.Range(0, size).Select(i => new UsageRecord
    {
        Id = $"b{batch}-{i}",
        SourceKind = "generic",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, output, 0, 0, 0),
    }).ToList();

    [Fact]
    public async Task Write_ConcurrentDisjointBatches_CommitsAllOnce_WithEachBatchsExactCounts()
    {
        using var committer = new GroupCommitter(_store, group: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(b => Task.Run(() => committer.WriteAsync(Batch(b, 50), CancellationToken.None))));
        var replays = await Task.WhenAll(Enumerable.Range(0, 24).Select(b => Task.Run(() => committer.WriteAsync(Batch(b, 50), CancellationToken.None))));

        results.ShouldAllBe(r => r.AllNew && r.Counts!.Inserted == 50);
        replays.ShouldAllBe(r => !r.AllNew && r.Counts!.Unchanged == 50);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(24 * 50);
    }

    [Fact]
    public async Task Write_ConcurrentOverlappingBatches_StoresEachIdOnceWithTheFullestCopy()
    {
        using var committer = new GroupCommitter(_store, group: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(b => Task.Run(() => committer.WriteAsync(Batch(0, 50, output: b), CancellationToken.None))));

        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(50);
        (await _store.ReadUsageAsync(Domain.Storage.UsageFilter.All, CancellationToken.None).ToListAsync()).ShouldAllBe(r => r.Tokens.Output == 15);
        results.Count(r => r.AllNew).ShouldBeLessThanOrEqualTo(1, "only the first copy of an id is new");
    }

    [Fact]
    public async Task Write_ConcurrentBatchesWithCursors_CommitsEveryCursor_TheLastStateOfAKeyWinning()
    {
        using var committer = new GroupCommitter(_store, group: true);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(b => Task.Run(() => committer.WriteAsync(
            Batch(b, 5), [new SourceCursor("otlp", $"series-{b}", $"{{\"n\":{b}}}"), new SourceCursor("otlp", "shared", $"{{\"n\":{b}}}")], CancellationToken.None))));

        var cursors = await _store.GetCursorsAsync("otlp", CancellationToken.None);
        cursors.Count.ShouldBe(13);
        Enumerable.Range(0, 12).ShouldAllBe(b => cursors[$"series-{b}"].State == $"{{\"n\":{b}}}");
        cursors.ContainsKey("shared").ShouldBeTrue();
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(12 * 5);
    }

    [Fact]
    public async Task Write_StoreFails_EveryBatchOfTheGroupSeesTheFailure()
    {
        using var committer = new GroupCommitter(_store, group: true);
        await _store.DisposeAsync();

        var writes = Enumerable.Range(0, 4).Select(b => Task.Run(() => committer.WriteAsync(Batch(b, 5), CancellationToken.None))).ToList();

        foreach (var write in writes)
        {
            await Should.ThrowAsync<Exception>(write);
        }

        _store = await DuckDbStore.OpenAsync(Path.Combine(_directory, "r.duckdb"), TimeProvider.System, CancellationToken.None);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }
}
