namespace Receipts.Domain.Reconciliation;

/// <summary>
/// Spreads billed dollars over the records observed in the same cell, in proportion to their
/// list-price estimates, in whole cents by largest remainder, so that every billed cell sums exactly
/// (invariant 1: attributed + unattributed = billed). A billed cell with nothing observed goes to the
/// identity's mapped project, else to unattributed; a cell with no billing keeps its estimates.
/// </summary>
public static class Reconciler
{
    /// <param name="observed">Context-bearing records with their estimates and projects.</param>
    /// <param name="billed">Billed amounts; several for one cell are summed.</param>
    /// <param name="identityProject">The project an identity (api key, workspace…) is mapped to, or null.</param>
    public static ReconciliationResult Reconcile(
        IEnumerable<ObservedCost> observed,
        IEnumerable<BilledAmount> billed,
        Func<Cell, string?> identityProject)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(billed);
        ArgumentNullException.ThrowIfNull(identityProject);

        var byCell = new Dictionary<Cell, List<ObservedCost>>();
        foreach (var o in observed)
        {
            if (!byCell.TryGetValue(o.Cell, out var list))
            {
                byCell[o.Cell] = list = [];
            }

            list.Add(o);
        }

        var billedByCell = new Dictionary<Cell, decimal>();
        foreach (var b in billed)
        {
            billedByCell[b.Cell] = billedByCell.GetValueOrDefault(b.Cell) + b.Amount;
        }

        var allocations = new List<Allocation>();
        var cells = new List<CellSummary>();
        foreach (var cell in byCell.Keys.Union(billedByCell.Keys).OrderBy(c => c.ToString(), StringComparer.Ordinal))
        {
            var records = byCell.GetValueOrDefault(cell) ?? [];
            var observedTotal = records.Sum(r => r.Estimate ?? 0m);
            var before = allocations.Count;
            if (billedByCell.TryGetValue(cell, out var amount))
            {
                AllocateBilled(cell, Money.ToCents(amount), records, observedTotal, identityProject, allocations);
            }
            else
            {
                foreach (var r in records)
                {
                    if (r.Estimate is { } estimate)
                    {
                        allocations.Add(new Allocation(cell, r.RecordId, r.Project, estimate, AllocationBasis.Estimated));
                    }
                }
            }

            decimal attributed = 0, unattributed = 0;
            for (var i = before; i < allocations.Count; i++)
            {
                if (allocations[i].Project is null)
                {
                    unattributed += allocations[i].Amount;
                }
                else
                {
                    attributed += allocations[i].Amount;
                }
            }

            var billedCents = billedByCell.TryGetValue(cell, out var b2) ? Money.ToCents(b2) / 100m : (decimal?)null;
            cells.Add(new CellSummary(cell, billedCents, observedTotal, attributed, unattributed, records.Count));
        }

        return new ReconciliationResult(allocations, cells);
    }

    private static void AllocateBilled(
        Cell cell,
        long cents,
        List<ObservedCost> records,
        decimal observedTotal,
        Func<Cell, string?> identityProject,
        List<Allocation> allocations)
    {
        if (observedTotal <= 0)
        {
            allocations.Add(new Allocation(cell, null, identityProject(cell), cents / 100m, AllocationBasis.Billed));
            return;
        }

        var weights = new decimal[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            weights[i] = Math.Max(records[i].Estimate ?? 0m, 0m);
        }

        var parts = LargestRemainder.Allocate(cents, weights);
        for (var i = 0; i < records.Count; i++)
        {
            allocations.Add(new Allocation(cell, records[i].RecordId, records[i].Project, parts[i] / 100m, AllocationBasis.Billed));
        }
    }
}
