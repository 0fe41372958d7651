using Receipts.Domain.Forecasts;

namespace Receipts.Domain.Budgets;

/// <summary>A budget's current period: spent so far, the month-end (or quarter-end) forecast, thresholds crossed.</summary>
public sealed record BudgetStatus(
    Budget Budget,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    SpendForecast Forecast,
    IReadOnlyList<decimal> CrossedThresholds)
{
    public string PeriodLabel => BudgetPeriods.Label(Budget.Period, PeriodStart);

    /// <summary>Spent as a share of the budget (1.0 = all of it).</summary>
    public decimal Used => Budget.Amount == 0m ? 0m : Forecast.Spent / Budget.Amount;

    /// <summary>
    /// Forecast to exceed: even the low end of the 80% range is over the budget. The generous reading:
    /// a noisy first week or a likely-but-unsure overrun does not alert.
    /// </summary>
    public bool ForecastToExceed => !Forecast.IsFinal && Forecast.Low > Budget.Amount && Forecast.Spent <= Budget.Amount;

    /// <summary><c>ok</c>, <c>watch</c> (expected over), <c>at-risk</c> (forecast to exceed) or <c>over</c>.</summary>
    public string State =>
        Forecast.Spent > Budget.Amount ? "over"
        : ForecastToExceed ? "at-risk"
        : Forecast.Expected > Budget.Amount ? "watch"
        : "ok";
}
