using Receipts.Domain.Attribution;

namespace Receipts.Domain.Pipeline;

/// <summary>
/// Records (one session's, or one record without a session) that two strong rules place differently:
/// kept with both candidates, listed, never hidden. <see cref="RecordId"/> is the first such record.
/// </summary>
public sealed record DisagreementItem(
    string RecordId,
    string? SessionId,
    string? Branch,
    string? Repo,
    DateTimeOffset At,
    string? Project,
    AttributionMethod Method,
    IReadOnlyList<AttributionCandidate> Conflicts,
    decimal? Amount)
{
    /// <summary>How many records of the session share this disagreement.</summary>
    public int Records { get; init; } = 1;
}
