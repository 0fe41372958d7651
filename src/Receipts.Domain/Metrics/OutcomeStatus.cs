namespace Receipts.Domain.Metrics;

public enum OutcomeStatus
{
    /// <summary>Window elapsed, no disqualifier.</summary>
    Verified = 0,

    /// <summary>Reverted, hotfixed or its ticket reopened inside the window.</summary>
    Disqualified = 1,

    /// <summary>Window not elapsed yet: shown, never counted.</summary>
    Pending = 2,
}
