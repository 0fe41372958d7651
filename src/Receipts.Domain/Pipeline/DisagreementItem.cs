using Receipts.Domain.Attribution;

namespace Receipts.Domain.Pipeline;

/// <summary>A record two strong rules place differently: kept with both candidates, listed, never hidden.</summary>
public sealed record DisagreementItem(
    string RecordId,
    string? SessionId,
    string? Branch,
    string? Repo,
    DateTimeOffset At,
    string? Project,
    AttributionMethod Method,
    IReadOnlyList<AttributionCandidate> Conflicts,
    decimal? Amount);
