using Receipts.Domain.Budgets;
using Receipts.Domain.Directory;
using Receipts.Domain.Storage;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>The budgets in force: those of <c>receipts.yaml</c>, replaced per scope and name by those set with <c>receipts budget set</c>.</summary>
internal static class EffectiveBudgets
{
    public static async Task<IReadOnlyList<Domain.Budgets.Budget>> LoadAsync(DirectoryConfig directory, IBudgetStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ListBudgetsAsync(cancellationToken);
        var fromCli = stored.Select(b => (b.Scope, Name: b.Name.ToUpperInvariant())).ToHashSet();
        return [.. directory.Budgets.Where(b => !fromCli.Contains((b.Scope, b.Name.ToUpperInvariant()))).Concat(stored)
            .OrderBy(b => b.Scope).ThenBy(b => b.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
