namespace Receipts.Domain.Attribution;

/// <summary>
/// A manual attribution fix: who, when, why, and what it overrides. Corrections are facts: never
/// deleted; when several match a record, the latest wins.
/// </summary>
/// <param name="Value">The record id, session id or branch name.</param>
/// <param name="Repo">For a branch correction, the repo it is limited to; null: any repo.</param>
public sealed record Correction(
    string Id,
    DateTimeOffset At,
    string By,
    string Reason,
    CorrectionTarget Target,
    string Value,
    string Project,
    string? Repo = null);
