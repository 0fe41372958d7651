using Receipts.Domain.Storage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// The cumulative-to-delta work of one batch: reads the committed state, keeps its own changes apart
/// until the batch is committed (<see cref="CumulativeTemporality.Commit"/>), so a failed write changes nothing.
/// </summary>
internal sealed class TemporalitySession(CumulativeTemporality owner)
{
    private readonly Dictionary<string, SeriesState> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// The increment a cumulative point adds, or null when the point was already seen (a replay or an
    /// out-of-order point). A new series counts its whole value; a changed start time or a falling value
    /// is a restart, so the value counts from zero again.
    /// </summary>
    public decimal? Delta(string seriesKey, ulong startTimeUnixNano, ulong timeUnixNano, decimal value)
    {
        var last = _pending.TryGetValue(seriesKey, out var pending) ? pending : owner.Last(seriesKey);
        decimal? delta;
        if (last is not { } previous)
        {
            delta = value;
        }
        else if (startTimeUnixNano != 0 && previous.StartTimeUnixNano != 0 && startTimeUnixNano != previous.StartTimeUnixNano)
        {
            delta = timeUnixNano > previous.TimeUnixNano || startTimeUnixNano > previous.StartTimeUnixNano ? value : null;
        }
        else if (timeUnixNano <= previous.TimeUnixNano)
        {
            delta = null;
        }
        else if (value < previous.Value)
        {
            delta = value;
        }
        else
        {
            delta = value - previous.Value;
        }

        if (delta is not null)
        {
            _pending[seriesKey] = new SeriesState(startTimeUnixNano, timeUnixNano, value);
        }

        return delta;
    }

    public IReadOnlyList<SourceCursor> Cursors() =>
        _pending.Select(p => new SourceCursor(CumulativeTemporality.CursorSource, p.Key, p.Value.ToJson())).ToList();
}
