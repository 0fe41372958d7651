namespace Receipts.Sources.Git;

/// <summary>What one <c>receipts import git</c> did.</summary>
/// <param name="Repo">The repository's normalised name.</param>
/// <param name="Branch">The branch read.</param>
/// <param name="Head">The branch's commit at import time (the new cursor).</param>
/// <param name="Changes">First-parent commits read and written.</param>
/// <param name="Incremental">True when only commits after the previous import's cursor were read.</param>
/// <param name="HistoryRewritten">True when the previous cursor was no longer on the branch (force push) and the whole history was read again.</param>
/// <param name="Malformed">Log records that could not be parsed and were skipped.</param>
public sealed record GitImportResult(string Repo, string Branch, string Head, int Changes, bool Incremental, bool HistoryRewritten, int Malformed)
{
    /// <summary>Changes of the old history deleted after a rewrite: their commits are no longer on the branch (nor on another imported branch).</summary>
    public int Removed { get; init; }
}
