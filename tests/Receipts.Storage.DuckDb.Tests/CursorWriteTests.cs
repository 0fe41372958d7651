using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>Cursors are written in bulk with the records; the last cursor of a key wins.</summary>
public sealed class CursorWriteTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Write_ManyCursorsAndTheSameKeyTwice_KeepsTheLastOfEach()
    {
        await using var temp = await TempStore.CreateAsync();
        var cursors = Enumerable.Range(0, 500).Select(i => new SourceCursor("claude-code", $"/f{i}.jsonl", "{\"offset\":1}")).ToList();
        await temp.Store.WriteUsageAsync([], cursors, Ct);

        await temp.Store.WriteUsageAsync([], [new SourceCursor("claude-code", "/f1.jsonl", "a"), new SourceCursor("claude-code", "/f1.jsonl", "b")], Ct);
        var read = await temp.Store.GetCursorsAsync("claude-code", Ct);

        read.Count.ShouldBe(500);
        read["/f1.jsonl"].State.ShouldBe("b");
        read["/f499.jsonl"].State.ShouldBe("{\"offset\":1}");
    }

    [Fact]
    public async Task Write_CursorsOfTwoSources_StayApart()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.WriteUsageAsync([], [new SourceCursor("claude-code", "/x", "1"), new SourceCursor("codex", "/x", "2")], Ct);

        (await temp.Store.GetCursorsAsync("claude-code", Ct))["/x"].State.ShouldBe("1");
        (await temp.Store.GetCursorsAsync("codex", Ct))["/x"].State.ShouldBe("2");
    }
}
