using Receipts.Domain.Outcomes;

namespace Receipts.Domain.Pipeline;

/// <summary>What outcome verification reads from the store: changes, ticket events, and the teams' window history.</summary>
internal sealed record OutcomeFacts(IReadOnlyList<Change> Changes, IReadOnlyList<TicketEvent> Events, IReadOnlyList<TeamWindowChange> History);
