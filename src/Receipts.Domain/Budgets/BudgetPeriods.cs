using System.Globalization;

namespace Receipts.Domain.Budgets;

/// <summary>Calendar arithmetic of budget periods (months and quarters of the reporting zone).</summary>
public static class BudgetPeriods
{
    /// <summary>The first day of the period holding <paramref name="day"/>.</summary>
    public static DateOnly StartOf(BudgetPeriod period, DateOnly day) => period switch
    {
        BudgetPeriod.Monthly => new DateOnly(day.Year, day.Month, 1),
        BudgetPeriod.Quarterly => new DateOnly(day.Year, (((day.Month - 1) / 3) * 3) + 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>The first day after the period starting at <paramref name="start"/>.</summary>
    public static DateOnly EndOf(BudgetPeriod period, DateOnly start) => period switch
    {
        BudgetPeriod.Monthly => start.AddMonths(1),
        BudgetPeriod.Quarterly => start.AddMonths(3),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary><c>2026-11</c> for a month, <c>2026-Q4</c> for a quarter.</summary>
    public static string Label(BudgetPeriod period, DateOnly start) => period == BudgetPeriod.Monthly
        ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}");
}
