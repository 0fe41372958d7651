using Receipts.Domain.Metrics;

namespace Receipts.Domain.Budgets;

/// <summary>
/// A spend budget for one team, project, API key or person, per month or quarter. Budgets are soft:
/// they raise alerts, never block usage.
/// </summary>
public sealed record Budget
{
    /// <summary>The thresholds used when a budget names none: 50%, 80% and 100% of the amount.</summary>
    public static IReadOnlyList<decimal> DefaultThresholds { get; } = [0.5m, 0.8m, 1.0m];

    public required BudgetScope Scope { get; init; }

    /// <summary>The team, project, key alias or person name it covers (case-insensitive).</summary>
    public required string Name { get; init; }

    /// <summary>Dollars per period; positive.</summary>
    public required decimal Amount { get; init; }

    public BudgetPeriod Period { get; init; } = BudgetPeriod.Monthly;

    /// <summary>Fractions of <see cref="Amount"/> that alert once per period when crossed. Default 0.5, 0.8, 1.0.</summary>
    public IReadOnlyList<decimal> Thresholds { get; init; } = DefaultThresholds;

    /// <summary>Where it was set: <c>receipts.yaml</c> or <c>cli</c>.</summary>
    public string Origin { get; init; } = "receipts.yaml";

    /// <summary><c>team payments</c>, <c>key payments-prod</c>…</summary>
    public string Label => $"{ScopeName(Scope)} {Name}";

    public bool Covers(SpendItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var value = Scope switch
        {
            BudgetScope.Team => item.Team,
            BudgetScope.Project => item.Project,
            BudgetScope.Key => item.ApiKey,
            BudgetScope.Person => item.Person,
            _ => null,
        };
        return value is not null && string.Equals(value, Name, StringComparison.OrdinalIgnoreCase);
    }

    public static string ScopeName(BudgetScope scope) => scope.ToString().ToLowerInvariant();
}
