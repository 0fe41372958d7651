namespace Receipts.Domain.Attribution;

/// <summary>What a correction names.</summary>
public enum CorrectionTarget
{
    /// <summary>One usage record by id.</summary>
    Record = 0,

    /// <summary>Every record of a session.</summary>
    Session = 1,

    /// <summary>Every record on a branch (optionally of one repo).</summary>
    Branch = 2,
}
