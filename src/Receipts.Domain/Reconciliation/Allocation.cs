namespace Receipts.Domain.Reconciliation;

/// <summary>
/// Dollars placed by reconciliation: to a record (and so to its project), or — with no record —
/// to the cell identity's mapped project or to unattributed.
/// </summary>
/// <param name="RecordId">The usage record that receives it; null for a cell remainder.</param>
/// <param name="Project">The project it counts for; null means unattributed.</param>
/// <param name="Amount">Dollars, exact to the cent for billed cells; the estimate itself for estimated ones.</param>
public sealed record Allocation(Cell Cell, string? RecordId, string? Project, decimal Amount, AllocationBasis Basis);
