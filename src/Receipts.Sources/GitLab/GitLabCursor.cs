namespace Receipts.Sources.GitLab;

/// <summary>Where the GitLab import of one project stopped: the newest merge request and issue updates seen.</summary>
internal sealed record GitLabCursor
{
    public DateTimeOffset? MergeRequestsUpdatedAt { get; init; }

    public DateTimeOffset? IssuesUpdatedAt { get; init; }
}
