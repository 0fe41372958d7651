namespace Receipts.Domain.Reconciliation;

/// <summary>
/// One context-bearing usage record as reconciliation sees it: its cell, its list-price estimate
/// (null when the model has no price) and where attribution placed it (null: unattributed).
/// </summary>
public sealed record ObservedCost(string RecordId, Cell Cell, decimal? Estimate, string? Project);
