using System.Globalization;
using Receipts.Domain.Budgets;

namespace Receipts.Domain.Alerts;

/// <summary>
/// Turns budget statuses into alerts: one per threshold crossed and one for "forecast to exceed", each keyed
/// by budget, period and threshold so it is raised once per period.
/// </summary>
public static class BudgetAlerts
{
    public static IReadOnlyList<Alert> For(IEnumerable<BudgetStatus> statuses, DateTimeOffset raisedAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(zone);
        var alerts = new List<Alert>();
        foreach (var status in statuses)
        {
            var budget = status.Budget;
            var baseKey = $"budget:{Budget.ScopeName(budget.Scope)}:{budget.Name.ToLowerInvariant()}:{status.PeriodLabel}";
            var since = Start(status.PeriodStart, zone);
            var forecast = status.Forecast;
            var range = string.Create(CultureInfo.InvariantCulture, $"forecast {Money(forecast.Expected)} (80% range {Money(forecast.Low)}–{Money(forecast.High)})");
            foreach (var threshold in status.CrossedThresholds)
            {
                var percent = (threshold * 100m).ToString("0.##", CultureInfo.InvariantCulture);
                alerts.Add(new Alert
                {
                    Key = $"{baseKey}:{threshold.ToString("0.####", CultureInfo.InvariantCulture)}",
                    Kind = AlertKind.BudgetThreshold,
                    Severity = threshold >= 1m ? AlertSeverity.Critical : threshold >= 0.8m ? AlertSeverity.Warning : AlertSeverity.Info,
                    Subject = budget.Label,
                    Title = string.Create(CultureInfo.InvariantCulture, $"{budget.Label} has spent {percent}% of its {status.PeriodLabel} budget"),
                    Detail = string.Create(CultureInfo.InvariantCulture, $"Spent {Money(forecast.Spent)} of {Money(budget.Amount)} ({status.Used * 100m:0}%) after {forecast.DaysElapsed} of {forecast.DaysInPeriod} days; {range}."),
                    RaisedAt = raisedAt,
                    Since = since,
                    Observed = forecast.Spent,
                    Expected = budget.Amount,
                });
            }

            if (status.ForecastToExceed)
            {
                alerts.Add(new Alert
                {
                    Key = baseKey + ":forecast",
                    Kind = AlertKind.BudgetForecast,
                    Severity = AlertSeverity.Warning,
                    Subject = budget.Label,
                    Title = string.Create(CultureInfo.InvariantCulture, $"{budget.Label} is forecast to exceed its {status.PeriodLabel} budget of {Money(budget.Amount)}"),
                    Detail = string.Create(CultureInfo.InvariantCulture, $"Spent {Money(forecast.Spent)} after {forecast.DaysElapsed} of {forecast.DaysInPeriod} days at {Money(forecast.RunRate)} an average day; {range}."),
                    RaisedAt = raisedAt,
                    Since = since,
                    Observed = forecast.Expected,
                    Expected = budget.Amount,
                });
            }
        }

        return alerts;
    }

    internal static string Money(decimal value) => "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
