namespace Receipts.Bench.Anomalies;

/// <summary>The known anomaly a synthetic run carries, if any.</summary>
public enum Scenario
{
    Steady,
    Spike,
    Drift,
    Runaway,
    WrongEnv,
    CostPerCall,
}
