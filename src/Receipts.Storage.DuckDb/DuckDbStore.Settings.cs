using System.Globalization;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// Sets how large the write-ahead log may grow before DuckDB checkpoints it into the file (DuckDB's default is
    /// 16 MB). A checkpoint rewrites the whole primary-key index of <c>usage_records</c>, about 1–2 s at a million
    /// rows, and holds up every commit meanwhile; a long-running writer such as the collector checkpoints less
    /// often with a larger log, at the cost of a longer log replay after a crash.
    /// </summary>
    public async Task SetCheckpointThresholdAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1024 * 1024);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(string.Create(CultureInfo.InvariantCulture, $"SET checkpoint_threshold = '{bytes / (1024 * 1024)}MB'"));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
