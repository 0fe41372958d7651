namespace Receipts.Domain.Outcomes;

/// <summary>
/// One unit merged to a default branch: a merged PR/MR, or from plain git a first-parent commit
/// (merge commit, squash commit or direct push). A fact, as the source saw it.
/// </summary>
public sealed record Change
{
    /// <summary>Normalised repository: <c>github.com/acme/payments</c>, or the local path when it has no remote.</summary>
    public required string Repo { get; init; }

    /// <summary>The change's id in its repo: <c>#123</c> for a PR, <c>!45</c> for a GitLab MR, else the commit sha.</summary>
    public required string Id { get; init; }

    /// <summary>The commit on the default branch that carries the change (merge, squash or pushed commit).</summary>
    public required string Sha { get; init; }

    /// <summary>PR / MR number when known.</summary>
    public int? Number { get; init; }

    /// <summary>When it reached the default branch, UTC.</summary>
    public required DateTimeOffset MergedAt { get; init; }

    public string? Author { get; init; }

    /// <summary>The PR's head branch (for linking spend to the change).</summary>
    public string? HeadBranch { get; init; }

    /// <summary>First line of the commit message or the PR title (metadata, not source content).</summary>
    public required string Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Files touched against the first parent, renames followed to their new path.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The old paths of files this change renamed or copied (kept so "same area" still matches the earlier name).</summary>
    public IReadOnlyList<string> PreviousFiles { get; init; } = [];

    /// <summary>Tags pointing at the change's commit (git tags), used like labels by the hotfix rule.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Ticket ids linked to it (from the branch, title, closing keywords or the host's links).</summary>
    public IReadOnlyList<string> Tickets { get; init; } = [];

    /// <summary>What this change says it reverts, extracted from its message or PR body at import.</summary>
    public IReadOnlyList<RevertReference> Reverts { get; init; } = [];

    /// <summary>Where it came from: <c>git</c>, <c>github</c>, <c>gitlab</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The earliest commit on its branch, when the source knows it (start of the spend window).</summary>
    public DateTimeOffset? FirstCommitAt { get; init; }

    /// <summary>When the PR was opened, when known.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When the first review was submitted, when known (review time).</summary>
    public DateTimeOffset? FirstReviewAt { get; init; }
}
