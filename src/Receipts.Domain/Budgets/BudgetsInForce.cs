using Receipts.Domain.Storage;

namespace Receipts.Domain.Budgets;

/// <summary>The budgets in force: those of <c>receipts.yaml</c>, replaced per scope and name by those set with <c>receipts budget set</c>.</summary>
public static class BudgetsInForce
{
    public static async Task<IReadOnlyList<Budget>> LoadAsync(IReadOnlyList<Budget> fromFile, IBudgetStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fromFile);
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.ListBudgetsAsync(cancellationToken);
        var fromCli = stored.Select(b => (b.Scope, Name: b.Name.ToUpperInvariant())).ToHashSet();
        return [.. fromFile.Where(b => !fromCli.Contains((b.Scope, b.Name.ToUpperInvariant()))).Concat(stored)
            .OrderBy(b => b.Scope).ThenBy(b => b.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
