using Receipts.Domain.Reconciliation.Reporting;

namespace Receipts.Cli.Commands.Report;

/// <summary>The <c>--json</c> contract of <c>receipts report reconcile</c> (documented in docs/reports.md).</summary>
internal static class ReconcileJson
{
    public static object From(ReconcileReport report) => new
    {
        since = report.Since,
        until = report.Until,
        by = report.Grouping.ToString().ToLowerInvariant(),
        tolerance = report.Tolerance,
        rows = report.Rows.Select(Row),
        total = Row(report.Total),
        billedNotObserved = report.Unobserved.Select(Cell),
        observedNotBilled = report.Unbilled.Select(Cell),
        seats = new { billed = report.Seats.Billed, attributed = report.Seats.Attributed, unattributed = report.Seats.Unattributed, idleSeatMonths = report.Seats.IdleSeatMonths },
        unpricedModels = report.UnpricedModels,
    };

    private static object Row(ReconcileRow row)
    {
        var f = row.Figures;
        return new
        {
            group = row.Group,
            billed = f.Billed,
            observed = R(f.Observed),
            matchedBilled = f.MatchedBilled,
            matchedObserved = R(f.MatchedObserved),
            drift = R(f.Drift),
            driftShare = f.DriftShare is { } s ? R(s) : (decimal?)null,
            billedNotObserved = f.UnobservedBilled,
            observedNotBilled = R(f.UnbilledObserved),
            attributed = R(f.Attributed),
            unattributed = R(f.Unattributed),
            cells = f.Cells,
            records = f.Records,
            status = ReportReconcileCommand.Status(row.Status),
        };
    }

    private static object Cell(ReconcileCell c) => new
    {
        provider = c.Cell.Provider,
        day = c.Cell.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        keyKind = ReconcileReportBuilder.KindName(c.Cell.IdentityKind),
        keyId = c.Cell.IdentityId,
        key = c.Key,
        model = c.Cell.Model,
        billed = c.Billed,
        observed = R(c.Observed),
        records = c.Records,
    };

    private static decimal R(decimal value) => decimal.Round(value, 6);
}
