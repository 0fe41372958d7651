namespace Receipts.Sources.Context;

/// <summary>Bytes read by parallel readers, reported as a running total.</summary>
internal sealed class ProgressCounter(long total, IProgress<ImportProgress>? progress)
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    /// <summary>The bytes planned to be read.</summary>
    public long Total => total;

    public void Add(long bytes)
    {
        var read = Interlocked.Add(ref _read, bytes);
        progress?.Report(new ImportProgress(read, total));
    }
}
