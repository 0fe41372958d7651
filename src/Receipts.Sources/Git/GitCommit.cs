namespace Receipts.Sources.Git;

/// <summary>
/// A first-parent commit as <c>git log</c> printed it. The message is held only while the change is
/// built (titles, references and ticket ids are extracted from it); it is never stored.
/// </summary>
internal sealed record GitCommit
{
    public required string Sha { get; init; }

    public required IReadOnlyList<string> Parents { get; init; }

    public required string AuthorName { get; init; }

    public required string AuthorEmail { get; init; }

    public required DateTimeOffset CommittedAt { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required string Message { get; init; }

    public required IReadOnlyList<GitFileChange> Files { get; init; }
}
