namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// Billed against observed for a set of cells. Billed splits into cells where usage was observed
/// (<see cref="MatchedBilled"/>, compared with <see cref="MatchedObserved"/> for the drift) and cells with none
/// (<see cref="UnobservedBilled"/>); observed splits the same way (<see cref="UnbilledObserved"/>: no bill covers it).
/// Attributed + unattributed = billed + unbilled observed, to the cent on billed cells.
/// </summary>
public sealed record ReconcileFigures
{
    public static ReconcileFigures Zero { get; } = new();

    /// <summary>Invoiced dollars, whole cents per cell (and per-request bills as the source gave them).</summary>
    public decimal Billed => MatchedBilled + UnobservedBilled;

    /// <summary>The price-book estimate of the observed records (per-request bills as billed).</summary>
    public decimal Observed => MatchedObserved + UnbilledObserved;

    /// <summary>Billed dollars of cells that also have observed usage.</summary>
    public decimal MatchedBilled { get; init; }

    /// <summary>Observed estimate of cells that also have a bill.</summary>
    public decimal MatchedObserved { get; init; }

    /// <summary>Billed dollars of cells with no observed (priced) usage.</summary>
    public decimal UnobservedBilled { get; init; }

    /// <summary>Observed estimate of cells no bill covers: the estimates stand.</summary>
    public decimal UnbilledObserved { get; init; }

    public decimal Attributed { get; init; }

    public decimal Unattributed { get; init; }

    public int Cells { get; init; }

    public long Records { get; init; }

    /// <summary>Billed − observed over the matched cells.</summary>
    public decimal Drift => MatchedBilled - MatchedObserved;

    /// <summary>Drift / matched billed; null when no matched cell has billed dollars.</summary>
    public decimal? DriftShare => MatchedBilled == 0 ? null : Drift / MatchedBilled;

    public ReconcileFigures Plus(ReconcileFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ReconcileFigures
        {
            MatchedBilled = MatchedBilled + other.MatchedBilled,
            MatchedObserved = MatchedObserved + other.MatchedObserved,
            UnobservedBilled = UnobservedBilled + other.UnobservedBilled,
            UnbilledObserved = UnbilledObserved + other.UnbilledObserved,
            Attributed = Attributed + other.Attributed,
            Unattributed = Unattributed + other.Unattributed,
            Cells = Cells + other.Cells,
            Records = Records + other.Records,
        };
    }

    /// <summary>Where the figures stand against a drift tolerance (a share: 0.05 is 5%).</summary>
    public ReconcileStatus StatusAt(decimal tolerance)
    {
        if (Billed == 0 && Observed == 0)
        {
            return ReconcileStatus.Empty;
        }

        if (MatchedBilled == 0 && UnobservedBilled != 0 && UnbilledObserved == 0)
        {
            return ReconcileStatus.Unobserved;
        }

        if (Billed == 0)
        {
            return ReconcileStatus.Unbilled;
        }

        // Billed dollars nobody observed are drift too: tracking misses them. Compared with all billed dollars.
        var gap = Math.Abs(Drift) + Math.Abs(UnobservedBilled);
        return gap > Math.Abs(Billed) * tolerance ? ReconcileStatus.Drift : ReconcileStatus.Ok;
    }
}
