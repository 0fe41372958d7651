namespace Receipts.Sources.Linear;

/// <summary>Where the Linear import of one team stopped: the newest issue update seen.</summary>
internal sealed record LinearCursor
{
    public DateTimeOffset? UpdatedAt { get; init; }
}
