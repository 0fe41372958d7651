using Receipts.Domain.Storage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Turns cumulative metric points into deltas, per series. The last value of each series is kept in
/// memory and persisted as a <see cref="SourceCursor"/> (source <see cref="CursorSource"/>) written in the
/// same transaction as the records it produced, so a restart neither loses nor double counts.
/// One instance per process (a singleton in the server); its methods are thread-safe.
/// </summary>
public sealed class CumulativeTemporality
{
    public const string CursorSource = "otlp-cumulative";

    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _loaded;

    /// <summary>Loads the persisted series once; later calls do nothing.</summary>
    public async Task EnsureLoadedAsync(ICursorStore store, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_loaded)
            {
                return;
            }
        }

        var cursors = await store.GetCursorsAsync(CursorSource, cancellationToken);
        lock (_lock)
        {
            if (_loaded)
            {
                return;
            }

            foreach (var (key, cursor) in cursors)
            {
                if (SeriesState.FromJson(cursor.State) is { } state)
                {
                    _series[key] = state;
                }
            }

            _loaded = true;
        }
    }

    /// <summary>Applies the cursors of a batch once its records are committed.</summary>
    public void Commit(IEnumerable<SourceCursor> cursors)
    {
        lock (_lock)
        {
            foreach (var cursor in cursors)
            {
                if (cursor.Source == CursorSource && SeriesState.FromJson(cursor.State) is { } state)
                {
                    _series[cursor.Key] = state;
                }
            }
        }
    }

    internal TemporalitySession Begin() => new(this);

    internal SeriesState? Last(string seriesKey)
    {
        lock (_lock)
        {
            return _series.TryGetValue(seriesKey, out var state) ? state : null;
        }
    }
}
