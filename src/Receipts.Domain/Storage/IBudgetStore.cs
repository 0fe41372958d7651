using Receipts.Domain.Budgets;

namespace Receipts.Domain.Storage;

/// <summary>Budgets set with <c>receipts budget set</c>; one per scope and name (setting again replaces it).</summary>
public interface IBudgetStore
{
    Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken);

    /// <summary>True when a budget was removed.</summary>
    Task<bool> RemoveBudgetAsync(BudgetScope scope, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Budget>> ListBudgetsAsync(CancellationToken cancellationToken);
}
