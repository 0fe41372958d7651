namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// A usage record its source billed per request (OpenRouter credits, Cursor usage-based events): billed and
/// observed at once, so it adds the same dollars to both sides of its cell and never drifts.
/// </summary>
public sealed record PerRequestBill(string RecordId, Cell Cell, decimal Amount, string? Project);
