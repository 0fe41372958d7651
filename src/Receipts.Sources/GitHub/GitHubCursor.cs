namespace Receipts.Sources.GitHub;

/// <summary>Where the GitHub import of one repository stopped: the newest PR update and issue event seen, and the ETags of the first pages.</summary>
internal sealed record GitHubCursor
{
    public DateTimeOffset? PullsUpdatedAt { get; init; }

    public string? PullsETag { get; init; }

    public long? EventsLastId { get; init; }

    public string? EventsETag { get; init; }
}
