namespace Receipts.Domain.Outcomes;

public enum TicketEventKind
{
    /// <summary>Moved into the done category.</summary>
    Completed = 0,

    /// <summary>Moved from done back to an open category: disqualifies linked changes inside their window.</summary>
    Reopened = 1,
}
