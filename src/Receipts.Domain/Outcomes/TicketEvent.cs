namespace Receipts.Domain.Outcomes;

/// <summary>
/// A tracker ticket changing status category: completed (to done) or reopened (from done back to open).
/// Facts from Jira, Linear, Asana, GitHub and GitLab issues.
/// </summary>
public sealed record TicketEvent
{
    /// <summary>Stable id for idempotency (tracker + ticket + the tracker's own event/history id).</summary>
    public required string Id { get; init; }

    /// <summary><c>jira</c>, <c>linear</c>, <c>asana</c>, <c>github</c>, <c>gitlab</c>.</summary>
    public required string Tracker { get; init; }

    /// <summary>The ticket as changes name it: <c>PAY-123</c>, <c>acme/payments#45</c>.</summary>
    public required string TicketId { get; init; }

    public required TicketEventKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The tracker's project/team key (<c>PAY</c>), used for tasks completed per project.</summary>
    public string? Project { get; init; }

    public string? Actor { get; init; }
}
