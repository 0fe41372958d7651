using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Directory;
using Receipts.Domain.Metrics;
using Receipts.Domain.Storage;
using Receipts.Sources.Alerts;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>
/// One run of the checks: read spend, evaluate budgets and anomalies, keep the alerts not raised before,
/// deliver those to every channel and record each delivery.
/// </summary>
internal sealed class AlertCheck(ISpendItemSource spend, IAlertStore alerts, AlertDispatcher dispatcher, TimeProvider time)
{
    public async Task<AlertCheckResult> RunAsync(
        IReadOnlyList<Domain.Budgets.Budget> budgets,
        DirectoryConfig directory,
        DateTimeOffset asOf,
        TimeZoneInfo zone,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var options = directory.Alerts.Anomalies;
        var from = Min(BudgetEvaluator.ReadFrom(budgets, asOf, zone), AnomalyScanner.ReadFrom(asOf, options));
        var items = new List<SpendItem>();
        await foreach (var item in spend.ReadAsync(from, asOf, cancellationToken))
        {
            items.Add(item);
        }

        var now = time.GetUtcNow();
        var statuses = BudgetEvaluator.Evaluate(budgets, items, asOf, zone);
        var anomalies = AnomalyScanner.Scan(items, asOf, zone, options, directory.Alerts.ProductionKeys);
        var candidates = BudgetAlerts.For(statuses, now, zone).Concat(anomalies.Select(a => AnomalyScanner.ToAlert(a, now))).ToList();
        if (dryRun)
        {
            return new AlertCheckResult(items.Count, statuses, candidates, candidates, []);
        }

        var raised = await alerts.AddAlertsAsync(candidates, cancellationToken);
        var deliveries = await dispatcher.DispatchAsync(raised, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await alerts.RecordDeliveryAsync(delivery, cancellationToken);
        }

        return new AlertCheckResult(items.Count, statuses, candidates, raised, deliveries);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
