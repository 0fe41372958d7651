using Microsoft.Extensions.Time.Testing;

namespace Receipts.Sources.Tests.Fakes;

/// <summary>
/// A fake clock whose timers fire at once by moving the clock forward by their due time: backoff and
/// rate-limit waits take no real time, yet the clock shows how long the client waited, and
/// <see cref="Delays"/> lists each wait.
/// </summary>
internal sealed class InstantTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _delays = [];
    private readonly Lock _lock = new();

    public InstantTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_lock)
            {
                return [.. _delays];
            }
        }
    }

    public TimeSpan Waited => Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_lock)
            {
                _delays.Add(dueTime);
            }

            Advance(dueTime);
        }

        return timer;
    }
}
