namespace Receipts.Sources.Jira;

/// <summary>Where the Jira import of one project stopped: the newest issue update seen.</summary>
internal sealed record JiraCursor
{
    public DateTimeOffset? UpdatedAt { get; init; }
}
