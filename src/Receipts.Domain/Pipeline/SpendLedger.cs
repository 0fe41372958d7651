using Receipts.Domain.Metrics;
using Receipts.Domain.Reconciliation;

namespace Receipts.Domain.Pipeline;

/// <summary>Everything the pipeline derived for a period: the attributed, reconciled spend and how it got there.</summary>
public sealed record SpendLedger
{
    public required IReadOnlyList<SpendItem> Items { get; init; }

    public required IReadOnlyList<CellSummary> Cells { get; init; }

    /// <summary>Dollars by the rule that placed them (seats and billed remainders are their own rows: None when unplaced).</summary>
    public required IReadOnlyList<CoverageRow> Coverage { get; init; }

    public required IReadOnlyList<DisagreementItem> Disagreements { get; init; }

    /// <summary>The largest unattributed identities (key, person, machine user) with their dollars.</summary>
    public required IReadOnlyList<(string Identity, decimal Amount, long Records)> UnattributedIdentities { get; init; }

    /// <summary>The largest unattributed paths (repo or working directory) with their dollars.</summary>
    public required IReadOnlyList<(string Path, decimal Amount, long Records)> UnattributedPaths { get; init; }

    public required IReadOnlyList<SeatAllocation> IdleSeats { get; init; }

    /// <summary>Models with usage and no price: their tokens count, their dollars are unknown.</summary>
    public required IReadOnlyList<string> UnpricedModels { get; init; }

    /// <summary>Attributed dollars / all dollars; null with no dollars.</summary>
    public decimal? CoverageShare
    {
        get
        {
            var total = Coverage.Sum(c => c.Amount);
            return total == 0 ? null : Coverage.Where(c => c.Method != Attribution.AttributionMethod.None).Sum(c => c.Amount) / total;
        }
    }
}
