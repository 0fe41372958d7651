namespace Receipts.Domain.Anomalies;

/// <summary>
/// Thresholds of the anomaly checks (docs/alerts.md explains each and how to tune it). The defaults are
/// generous: an alert means "look now", so ordinary noise and ordinary heavy days stay quiet.
/// </summary>
public sealed record AnomalyOptions
{
    public static AnomalyOptions Default { get; } = new();

    /// <summary>Days of history the baselines use. Default 28.</summary>
    public int BaselineDays { get; init; } = 28;

    /// <summary>Baseline weekdays needed before a series is checked at all. Default 10.</summary>
    public int MinBaselineDays { get; init; } = 10;

    /// <summary>
    /// A spike is at least this many standard deviations of the series' day-to-day spread above its level, on log
    /// spend (level over <see cref="SpikeLevelDays"/>, spread over <see cref="SpikeSpreadDays"/>), and at least
    /// <see cref="SpikeMinRatio"/> times the level. For a series of ordinary noise (up to about 35% a day) the ratio
    /// is the higher bar; the z keeps noisier series (whose ordinary days reach ×4) quiet. Default 4 (was 4.7 when
    /// the z alone decided: the spread's own ±10% error then moved the bar by ±15% both ways).
    /// </summary>
    public decimal SpikeZ { get; init; } = 4m;

    /// <summary>
    /// Days whose active weekdays give a series' level (a normal weekday: the trimmed mean of log spend). Longer
    /// than the baseline because the level's own error moves the bar one for one: on 28 days of 35%-noise spend it
    /// was 25–30% off often enough to read ordinary days as spikes; on 42 days a ×5.6 spike still read as ×4.95.
    /// Never less than <see cref="BaselineDays"/>. Default 84 (twelve weeks, as far as the series goes back).
    /// </summary>
    public int SpikeLevelDays { get; init; } = 84;

    /// <summary>
    /// Days of history (whole baselines, as far as the series goes back) the spike's spread is estimated over.
    /// The spread multiplies the bar, so it needs many days. Default 112 (sixteen weeks).
    /// </summary>
    public int SpikeSpreadDays { get; init; } = 112;

    /// <summary>
    /// The least day-to-day spread (log scale) a baseline is believed to have. Twenty days can look calmer than
    /// the series is; without a floor, a person's ordinary 2.5× day reads as a 6σ event. With the default ratio it
    /// does not decide (e^(4 × 0.25) is ×2.7, under ×4); it does when <see cref="SpikeMinRatio"/> is lowered. Default 0.25 (about 25%).
    /// </summary>
    public decimal SpikeMinLogSigma { get; init; } = 0.25m;

    /// <summary>
    /// … and at least this multiple of the level (a normal weekday). A reader's definition of a spike, and a bar
    /// whose error is the level's alone (about ±5% on twelve weeks), not the spread's times z. Default 4 (was 2).
    /// </summary>
    public decimal SpikeMinRatio { get; init; } = 4m;

    /// <summary>… and at least this many dollars above it (small series stay quiet). Default 25.</summary>
    public decimal MinDailyExcess { get; init; } = 25m;

    /// <summary>Drift: the recent window's median weekday over the median weekday four to eight weeks ago. Default 1.25.</summary>
    public decimal DriftRatio { get; init; } = 1.25m;

    /// <summary>Days (weekends included) in the drift's recent window. Default 10 (eight weekdays).</summary>
    public int DriftRecentDays { get; init; } = 10;

    /// <summary>
    /// A drift's least rise in dollars per weekday. Lower than a spike's one-day <see cref="MinDailyExcess"/>
    /// because it is paid every day: $10 a weekday is $200 a month. Default 10.
    /// </summary>
    public decimal DriftMinDailyExcess { get; init; } = 10m;

    /// <summary>… with a rising trend over the last four weeks (Kendall's tau at least this). Default 0.3.</summary>
    public decimal DriftTau { get; init; } = 0.3m;

    /// <summary>… and the two log medians this many standard errors apart (the spread as the spike check takes it). Default 6.</summary>
    public decimal DriftZ { get; init; } = 6m;

    /// <summary>Cost per call at least this multiple of the workflow's median. Default 1.5.</summary>
    public decimal CostPerCallRatio { get; init; } = 1.5m;

    /// <summary>… and this many robust standard deviations above it. Default 6.</summary>
    public decimal CostPerCallZ { get; init; } = 6m;

    /// <summary>Days (and the checked day) need this many calls for a cost per call to count. Default 20.</summary>
    public long CostPerCallMinRequests { get; init; } = 20;

    /// <summary>Runaway: an hour at least this multiple of the identity's median active hour. Default 10.</summary>
    public decimal RunawayMedianFactor { get; init; } = 10m;

    /// <summary>
    /// … and this multiple of its 95th-percentile hour. Default 4: at 3, a developer's heavy day done mostly in one
    /// hour (a ×2.5 day, two thirds of it in one hour: 3.3–4.9 times their 95th-percentile hour) read as a runaway.
    /// </summary>
    public decimal RunawayP95Factor { get; init; } = 4m;

    /// <summary>
    /// … and this many dollars above the median hour. Default 50: a runaway is a critical alert, and at 20 a
    /// $2-an-hour developer's busy $34 hour qualified; an agent in a loop burns hundreds.
    /// </summary>
    public decimal RunawayMinExcess { get; init; } = 50m;

    /// <summary>Active hours of history needed before an identity is checked for runaways. Default 8.</summary>
    public int RunawayMinActiveHours { get; init; } = 8;

    /// <summary>Dev/test requests on a production key in a day that raise an alert. Default 1.</summary>
    public long EnvMismatchMinRequests { get; init; } = 1;
}
