namespace Receipts.Domain.Anomalies;

public enum AnomalyKind
{
    Spike,
    Drift,
    CostPerCall,
    Runaway,
    EnvMismatch,
}
