using Receipts.Domain.Forecasts;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Budgets;

/// <summary>
/// Evaluates budgets over spend: each budget's current period (as of an instant in the reporting zone),
/// spent, forecast with its range, and the thresholds crossed. Items without an amount (unpriced) are left out.
/// </summary>
public static class BudgetEvaluator
{
    /// <summary>Days of history before a period the forecast wants (weekday profile and prior rate).</summary>
    public const int HistoryDays = 56;

    /// <summary>The earliest instant <see cref="Evaluate"/> looks at for <paramref name="budgets"/> as of <paramref name="asOf"/>.</summary>
    public static DateTimeOffset ReadFrom(IEnumerable<Budget> budgets, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var today = DecimalMath.LocalDate(asOf, zone);
        var earliest = budgets.Select(b => BudgetPeriods.StartOf(b.Period, today))
            .Append(today)
            .Min()
            .AddDays(-HistoryDays);
        var local = earliest.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static IReadOnlyList<BudgetStatus> Evaluate(
        IReadOnlyList<Budget> budgets,
        IEnumerable<SpendItem> items,
        DateTimeOffset asOf,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(zone);
        var daily = budgets.Select(_ => new Dictionary<DateOnly, decimal>()).ToArray();
        foreach (var item in items)
        {
            if (item.Amount is not { } amount || item.At > asOf)
            {
                continue;
            }

            var day = DecimalMath.LocalDate(item.At, zone);
            for (var i = 0; i < budgets.Count; i++)
            {
                if (budgets[i].Covers(item))
                {
                    daily[i][day] = daily[i].GetValueOrDefault(day) + amount;
                }
            }
        }

        var today = DecimalMath.LocalDate(asOf, zone);
        var statuses = new List<BudgetStatus>(budgets.Count);
        for (var i = 0; i < budgets.Count; i++)
        {
            var budget = budgets[i];
            var start = BudgetPeriods.StartOf(budget.Period, today);
            var end = BudgetPeriods.EndOf(budget.Period, start);
            var forecast = PeriodForecaster.Forecast(daily[i], start, end, asOf, zone);
            var crossed = budget.Thresholds.Where(t => forecast.Spent >= budget.Amount * t).Order().ToList();
            statuses.Add(new BudgetStatus(budget, start, end, forecast, crossed));
        }

        return statuses;
    }
}
