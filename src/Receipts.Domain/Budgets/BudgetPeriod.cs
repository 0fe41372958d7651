namespace Receipts.Domain.Budgets;

/// <summary>The period a budget amount is for: a calendar month or a calendar quarter of the reporting zone.</summary>
public enum BudgetPeriod
{
    Monthly,
    Quarterly,
}
