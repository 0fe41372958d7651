using Receipts.Domain.Outcomes;

namespace Receipts.Domain.Storage;

/// <summary>
/// Outcome facts: merged changes and ticket status events, with the cursors of the sources that read them.
/// Writes are all or nothing; writing the same change or event again (same repo and id / same event id)
/// replaces it with the newer observation and never adds a second copy.
/// </summary>
public interface IOutcomeStore : ICursorStore
{
    Task WriteChangesAsync(IReadOnlyCollection<Change> changes, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken);

    Task WriteTicketEventsAsync(IReadOnlyCollection<TicketEvent> events, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken);

    Task<IReadOnlyList<Change>> ReadChangesAsync(ChangeFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the changes of <paramref name="repo"/> written by <paramref name="source"/> whose id is in
    /// <paramref name="ids"/>, and returns how many were deleted (ids not stored, or stored by another source,
    /// are left alone). All or nothing. For facts that turned out never to have happened: first-parent commits
    /// a force push took off the branch were never merged, so they are removed rather than kept as changes.
    /// </summary>
    Task<int> DeleteChangesAsync(string repo, string source, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketEvent>> ReadTicketEventsAsync(CancellationToken cancellationToken);

    /// <summary>Records a change of a team's observation window (append-only: history is never rewritten).</summary>
    Task WriteTeamWindowChangeAsync(TeamWindowChange change, CancellationToken cancellationToken);

    /// <summary>Every recorded window change, oldest first.</summary>
    Task<IReadOnlyList<TeamWindowChange>> ReadTeamWindowChangesAsync(CancellationToken cancellationToken);
}
