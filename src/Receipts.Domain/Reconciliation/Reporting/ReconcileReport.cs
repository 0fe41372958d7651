namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// "Our tracking does not match the bill": billed, observed, attributed and drift per group and in total,
/// the billed cells nobody observed and the observed cells nobody billed, and the seats of the period.
/// </summary>
public sealed record ReconcileReport
{
    /// <summary>Start of the period, UTC, inclusive.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>End of the period, UTC, exclusive.</summary>
    public required DateTimeOffset Until { get; init; }

    public required ReconcileGrouping Grouping { get; init; }

    /// <summary>The drift share above which a row is flagged (0.05 is 5%).</summary>
    public required decimal Tolerance { get; init; }

    public required IReadOnlyList<ReconcileRow> Rows { get; init; }

    public required ReconcileRow Total { get; init; }

    /// <summary>Billed cells with no observed usage, biggest first (at most <see cref="ReconcileReportBuilder.ListLimit"/>).</summary>
    public required IReadOnlyList<ReconcileCell> Unobserved { get; init; }

    /// <summary>Observed cells with no bill, biggest first (at most <see cref="ReconcileReportBuilder.ListLimit"/>).</summary>
    public required IReadOnlyList<ReconcileCell> Unbilled { get; init; }

    public required SeatFigures Seats { get; init; }

    /// <summary>Models with usage and no price: their observed dollars are unknown, so their cells look unobserved.</summary>
    public required IReadOnlyList<string> UnpricedModels { get; init; }
}
