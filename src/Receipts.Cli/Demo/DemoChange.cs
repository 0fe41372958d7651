namespace Receipts.Cli.Demo;

/// <summary>A change the demo merged, and what it did to it afterwards.</summary>
internal sealed record DemoChange(
    string Project,
    string Team,
    string Title,
    DateTimeOffset MergedAt,
    string? Ticket,
    DateTimeOffset? RevertedAt,
    DateTimeOffset? HotfixedAt,
    DateTimeOffset? ReopenedAt);
