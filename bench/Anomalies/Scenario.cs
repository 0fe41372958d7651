namespace Receipts.Bench.Anomalies;

/// <summary>The known anomaly a synthetic run carries, if any.</summary>
public enum Scenario
{
    Steady,
    /// <summary>One developer's weekday at 5–10 times their level (the realized day, not a multiplier on its noise).</summary>
    Spike,

    /// <summary>
    /// The harder spike: one developer's noisy weekday multiplied by 5–10, so some land at only 2.5–3.5 times
    /// their level, below what ordinary weeks reach. Kept to show what the change of definition did.
    /// </summary>
    SpikeSmall,
    Drift,
    Runaway,
    WrongEnv,
    CostPerCall,
}
