namespace Receipts.Domain.Alerts;

/// <summary>What raised an alert.</summary>
public enum AlertKind
{
    /// <summary>A budget's spend crossed a threshold (50%, 80%, 100% by default).</summary>
    BudgetThreshold,

    /// <summary>A budget is forecast to be exceeded by the period's end.</summary>
    BudgetForecast,

    /// <summary>A day's spend far above the robust baseline.</summary>
    Spike,

    /// <summary>Spend rising steadily over weeks.</summary>
    Drift,

    /// <summary>A workflow's cost per call jumped.</summary>
    CostPerCall,

    /// <summary>An hour's spend far above the identity's normal hour.</summary>
    Runaway,

    /// <summary>Development or test traffic on a production key.</summary>
    EnvMismatch,
}
