namespace Receipts.Domain.Anomalies;

/// <summary>
/// Something far from normal: what (<see cref="Kind"/>, <see cref="Subject"/>), how far (<see cref="Observed"/>
/// against <see cref="Baseline"/>, <see cref="Score"/>), since when, and the likely driver.
/// </summary>
public sealed record Anomaly
{
    public required AnomalyKind Kind { get; init; }

    /// <summary><c>team payments</c>, <c>key payments-prod</c>, <c>person sarah</c>, <c>workflow summarise</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>Start of the checked day or hour (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When it started: the first anomalous day or hour of the run, or the start of a drift.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Dollars of the day or hour (dollars per call for <see cref="AnomalyKind.CostPerCall"/>; requests for env mismatches).</summary>
    public required decimal Observed { get; init; }

    /// <summary>The normal value (median of the baseline).</summary>
    public required decimal Baseline { get; init; }

    /// <summary>How far: robust z for spikes and cost per call, the ratio for drift and runaways.</summary>
    public required decimal Score { get; init; }

    /// <summary>One line: how far from normal and since when.</summary>
    public required string Description { get; init; }

    /// <summary>The likely driver (<c>model claude-opus-4-5 +$540.00</c>), when one stands out.</summary>
    public string? Driver { get; init; }

    /// <summary>The sent-once key: the same anomaly seen on a later check maps to the same key.</summary>
    public required string Key { get; init; }

    /// <summary>Observed over baseline (0 when the baseline is 0).</summary>
    public decimal Ratio => Baseline == 0m ? 0m : Observed / Baseline;
}
