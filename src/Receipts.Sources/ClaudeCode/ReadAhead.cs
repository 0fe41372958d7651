namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Holds parse workers back to at most <c>windowBytes</c> of transcript ahead of the writer once it has started (before
/// that, they run freely): file <c>i</c> may be parsed once the files before it that the writer has not merged yet
/// hold fewer bytes than the window (the next file to merge always may).
/// </summary>
internal sealed class ReadAhead
{
    private readonly object _lock = new();
    private readonly long[] _start;
    private readonly long _window;
    private long _limit = long.MaxValue;

    /// <param name="bytes">The bytes of each file, in the writer's order.</param>
    /// <param name="windowBytes">How many bytes the parse may run ahead.</param>
    public ReadAhead(IReadOnlyList<long> bytes, long windowBytes)
    {
        _start = new long[bytes.Count + 1];
        for (var i = 0; i < bytes.Count; i++)
        {
            _start[i + 1] = _start[i] + bytes[i];
        }

        _window = Math.Max(1, windowBytes);
    }

    /// <summary>Blocks until file <paramref name="index"/> may be parsed.</summary>
    public void WaitFor(int index, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_start[index] < Volatile.Read(ref _limit))
        {
            return;
        }

        lock (_lock)
        {
            while (_start[index] >= _limit)
            {
                // Wakes on each merged file, and every 50 ms to notice a cancellation.
                Monitor.Wait(_lock, 50);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The writer has merged the first <paramref name="files"/> files.</summary>
    public void Merged(int files)
    {
        // The next file to merge starts below the limit, so it may always be parsed, however large.
        var limit = _start[files] + _window;
        lock (_lock)
        {
            Volatile.Write(ref _limit, limit);
            Monitor.PulseAll(_lock);
        }
    }
}
