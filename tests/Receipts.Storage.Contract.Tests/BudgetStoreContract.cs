using Receipts.Domain.Budgets;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>Budgets set from the CLI: one per scope and name, replaced by a second set, whatever the database.</summary>
public abstract class BudgetStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IBudgetStore, IAsyncDisposable
{
    [StoreFact]
    public async Task SetBudget_Twice_ReplacesIt_AndScopesKeepTheirOwn()
    {
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 5000m }, Ct);
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Project, Name = "payments", Amount = 120.5m, Period = BudgetPeriod.Quarterly, Thresholds = [0.25m, 0.9m] }, Ct);
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 7500.125m, Thresholds = [0.8m, 1m] }, Ct);
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Key, Name = "ci-key", Amount = 40m }, Ct);

        var budgets = await Store.ListBudgetsAsync(Ct);

        budgets.Select(b => (b.Scope, b.Name, b.Amount, b.Period, string.Join('|', b.Thresholds), b.Origin)).ShouldBe(
        [
            (BudgetScope.Key, "ci-key", 40m, BudgetPeriod.Monthly, "0.5|0.8|1.0", "cli"),
            (BudgetScope.Project, "payments", 120.5m, BudgetPeriod.Quarterly, "0.25|0.9", "cli"),
            (BudgetScope.Team, "payments", 7500.125m, BudgetPeriod.Monthly, "0.8|1", "cli"),
        ]);
    }

    [StoreFact]
    public async Task RemoveBudget_SaysWhetherOneWasThere_AndTheRestSurviveAReopen()
    {
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Person, Name = "ana@acme.dev", Amount = 300m }, Ct);
        await Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Team, Name = "search", Amount = 900m }, Ct);

        (await Store.RemoveBudgetAsync(BudgetScope.Person, "ana@acme.dev", Ct)).ShouldBeTrue();
        (await Store.RemoveBudgetAsync(BudgetScope.Person, "ana@acme.dev", Ct)).ShouldBeFalse();
        (await Store.RemoveBudgetAsync(BudgetScope.Project, "search", Ct)).ShouldBeFalse();
        await using var reopened = await ReopenAsync(Time);

        (await reopened.ListBudgetsAsync(Ct)).Select(b => (b.Scope, b.Name, b.Amount)).ShouldBe([(BudgetScope.Team, "search", 900m)]);
    }
}
