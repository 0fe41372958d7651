namespace Receipts.Domain.Outcomes;

/// <summary>Where a change stands at the as-of instant.</summary>
public enum ChangeStatus
{
    /// <summary>Its window has not elapsed and nothing disqualified it yet: shown, never counted.</summary>
    Pending = 0,

    /// <summary>Its window elapsed with no disqualifier.</summary>
    Verified = 1,

    /// <summary>A revert, hotfix or reopen landed inside its window (final as soon as it happens).</summary>
    Disqualified = 2,
}
