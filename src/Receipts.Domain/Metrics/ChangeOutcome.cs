namespace Receipts.Domain.Metrics;

/// <summary>A change with its verdict, placed in a project and team, as the CPVO report counts it.</summary>
public sealed record ChangeOutcome
{
    public required string Repo { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset MergedAt { get; init; }

    public string? HeadBranch { get; init; }

    public IReadOnlyList<string> Tickets { get; init; } = [];

    /// <summary>Start of its spend window (the branch's first commit) when known.</summary>
    public DateTimeOffset? FirstCommitAt { get; init; }

    public string? Project { get; init; }

    public string? Team { get; init; }

    public required OutcomeStatus Status { get; init; }

    /// <summary>Why it was disqualified: <c>revert</c>, <c>hotfix</c>, <c>reopen</c> (first reason per kind).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
