using Receipts.Sources.ClaudeCode;

namespace Receipts.Sources.Tests.ClaudeCode;

public sealed class ReadAheadTests
{
    private static readonly TimeSpan Blocked = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void BeforeTheWriterStarts_EveryFileMayBeParsed()
    {
        var ahead = new ReadAhead([100, 100, 100, 100], windowBytes: 10);

        for (var i = 0; i < 4; i++)
        {
            ahead.WaitFor(i, CancellationToken.None);
        }
    }

    [Fact]
    public async Task OnceTheWriterStarts_AFileBeyondTheWindowWaitsUntilEnoughIsMerged()
    {
        var ahead = new ReadAhead([10, 10, 10, 10, 10], windowBytes: 25);
        ahead.Merged(0);
        ahead.WaitFor(0, CancellationToken.None);
        ahead.WaitFor(2, CancellationToken.None);   // starts at 20 < 0 + 25

        var third = Task.Run(() => ahead.WaitFor(3, CancellationToken.None));   // starts at 30
        (await Task.WhenAny(third, Task.Delay(Blocked))).ShouldNotBe(third, "file 3 is more than 25 bytes ahead of the writer");

        ahead.Merged(1);   // limit 10 + 25 = 35
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void TheNextFileToMerge_MayAlwaysBeParsed_HoweverLarge()
    {
        var ahead = new ReadAhead([1_000, 5_000, 1], windowBytes: 10);
        ahead.Merged(0);
        ahead.WaitFor(0, CancellationToken.None);
        ahead.Merged(1);
        ahead.WaitFor(1, CancellationToken.None);
        ahead.Merged(3);   // all merged: nothing left, and no index past the end is asked for
    }

    [Fact]
    public async Task AWaitingWorker_StopsWhenTheImportIsCancelled()
    {
        var ahead = new ReadAhead([10, 10, 10], windowBytes: 5);
        ahead.Merged(0);
        using var cancel = new CancellationTokenSource();

        var waiting = Task.Run(() => ahead.WaitFor(2, cancel.Token));
        (await Task.WhenAny(waiting, Task.Delay(Blocked))).ShouldNotBe(waiting);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void NoFiles_TheWriterStartsAndEnds()
    {
        var ahead = new ReadAhead([], windowBytes: 32 << 20);
        ahead.Merged(0);
    }
}
