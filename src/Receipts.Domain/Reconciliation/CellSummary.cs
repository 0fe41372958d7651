namespace Receipts.Domain.Reconciliation;

/// <summary>
/// One cell after reconciliation. For billed cells <c>Attributed + Unattributed == Billed</c> to the cent.
/// </summary>
/// <param name="Billed">Invoiced dollars; null when no billing covers the cell.</param>
/// <param name="Observed">The price-book estimate of the cell's context-bearing records.</param>
/// <param name="Attributed">Dollars that reached a project.</param>
/// <param name="Unattributed">Dollars that reached no project.</param>
public sealed record CellSummary(Cell Cell, decimal? Billed, decimal Observed, decimal Attributed, decimal Unattributed, int Records)
{
    /// <summary>(B − O) / B: unobserved usage or a stale price book. Null without billing or with B = 0.</summary>
    public decimal? Drift => Billed is { } b && b != 0 ? (b - Observed) / b : null;
}
