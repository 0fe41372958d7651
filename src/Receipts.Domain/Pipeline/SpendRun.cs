namespace Receipts.Domain.Pipeline;

/// <summary>How <see cref="SpendPipeline"/> reads usage for one run.</summary>
public sealed record SpendRun
{
    public static SpendRun Default { get; } = new();

    /// <summary>
    /// The zone the caller reads days and weeks in: the store sums records by local date in it, so no item straddles
    /// a local day. Null sums by UTC hour (as exact for zones with whole-hour offsets).
    /// </summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>
    /// True: one item per usage record (each item's <see cref="Metrics.SpendItem.RecordId"/> is its record), for
    /// consumers that look records up by id; false sums the records attribution cannot tell apart (faster, the same totals).
    /// </summary>
    public bool EachRecord { get; init; }

    /// <summary>Where summed usage must split so that linking spend to changes sees what it would per record.</summary>
    internal UsageSplits? Splits { get; init; }
}
