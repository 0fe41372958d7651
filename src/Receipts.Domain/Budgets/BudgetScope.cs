namespace Receipts.Domain.Budgets;

/// <summary>What a budget covers: a team's, a project's, an API key's or a person's spend.</summary>
public enum BudgetScope
{
    Team,
    Project,
    Key,
    Person,
}
