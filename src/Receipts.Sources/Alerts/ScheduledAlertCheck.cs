using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Alerts;

/// <summary>
/// One run of the budget and anomaly checks for a host that runs them on a schedule (<c>receipts serve</c>):
/// read the attributed spend, evaluate budgets (thresholds, forecast to exceed) and anomalies, keep only the
/// alerts the store has not seen (each once per period), send those to every channel, record each delivery.
/// </summary>
public sealed class ScheduledAlertCheck(ISpendItemSource spend, IAlertStore alerts, AlertDispatcher dispatcher, TimeProvider time)
{
    public async Task<(int Found, IReadOnlyList<Alert> Raised, IReadOnlyList<AlertDelivery> Deliveries)> RunAsync(
        IReadOnlyList<Budget> budgets,
        AlertsConfig config,
        DateTimeOffset asOf,
        TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(config);
        var from = BudgetEvaluator.ReadFrom(budgets, asOf, zone);
        var anomalyFrom = AnomalyScanner.ReadFrom(asOf, config.Anomalies);
        var items = new List<SpendItem>();
        await foreach (var item in spend.ReadAsync(anomalyFrom < from ? anomalyFrom : from, asOf, cancellationToken))
        {
            items.Add(item);
        }

        var now = time.GetUtcNow();
        var statuses = BudgetEvaluator.Evaluate(budgets, items, asOf, zone);
        var anomalies = AnomalyScanner.Scan(items, asOf, zone, config.Anomalies, config.ProductionKeys);
        var candidates = BudgetAlerts.For(statuses, now, zone).Concat(anomalies.Select(a => AnomalyScanner.ToAlert(a, now))).ToList();
        var raised = await alerts.AddAlertsAsync(candidates, cancellationToken);
        var deliveries = await dispatcher.DispatchAsync(raised, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await alerts.RecordDeliveryAsync(delivery, cancellationToken);
        }

        return (candidates.Count, raised, deliveries);
    }
}
