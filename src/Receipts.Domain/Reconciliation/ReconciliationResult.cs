namespace Receipts.Domain.Reconciliation;

/// <summary>Every dollar placed, and each cell's billed/observed/attributed figures.</summary>
public sealed record ReconciliationResult(IReadOnlyList<Allocation> Allocations, IReadOnlyList<CellSummary> Cells);
