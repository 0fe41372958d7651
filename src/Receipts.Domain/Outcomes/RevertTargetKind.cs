namespace Receipts.Domain.Outcomes;

public enum RevertTargetKind
{
    /// <summary><c>This reverts commit &lt;sha&gt;.</c> (full or abbreviated).</summary>
    Sha = 0,

    /// <summary><c>Reverts owner/repo#N</c> (GitHub) — the PR number.</summary>
    PullRequest = 1,

    /// <summary><c>This reverts merge request !N</c> (GitLab).</summary>
    MergeRequest = 2,

    /// <summary><c>Revert "&lt;subject&gt;"</c> with no sha: matched to the original by subject.</summary>
    Subject = 3,
}
