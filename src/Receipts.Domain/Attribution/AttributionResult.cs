namespace Receipts.Domain.Attribution;

/// <summary>
/// Where a record's dollars go and why (invariant 2): the project and team, the rule that placed it
/// and its confidence, and any strong rule that disagreed.
/// </summary>
/// <param name="Project">The project; null when unattributed (a team may still be known).</param>
/// <param name="Team">The team; from the project, or from a team tag or the person when no project is known.</param>
/// <param name="Conflicts">Strong candidates that point at another project; non-empty makes a disagreement.</param>
public sealed record AttributionResult(
    string? Project,
    string? Team,
    AttributionMethod Method,
    decimal Confidence,
    IReadOnlyList<AttributionCandidate> Conflicts)
{
    public static AttributionResult Unattributed { get; } = new(null, null, AttributionMethod.None, 0m, []);

    public bool IsDisagreement => Conflicts.Count > 0;
}
