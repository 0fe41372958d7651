using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class AlertStoreTests
{
    private static Alert Alert(string key, int hour) => new()
    {
        Key = key,
        Kind = AlertKind.Spike,
        Severity = AlertSeverity.Warning,
        Subject = "person sarah",
        Title = "Spend spike: person sarah",
        Detail = "$812.00 on 2026-11-20, 4.1× a normal weekday",
        RaisedAt = new DateTimeOffset(2026, 11, 21, hour, 0, 0, TimeSpan.Zero),
        Since = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero),
        Observed = 812.5m,
        Expected = 198m,
        Driver = "model claude-opus-4-1 (+$540.00 over a usual day)",
    };

    [Fact]
    public async Task AddAlerts_SameKeyAgain_IsNotRaisedTwice()
    {
        await using var temp = await TempStore.CreateAsync();
        var first = await temp.Store.AddAlertsAsync([Alert("a", 1), Alert("b", 2)], CancellationToken.None);
        first.Select(a => a.Key).ShouldBe(["a", "b"]);

        var second = await temp.Store.AddAlertsAsync([Alert("b", 3), Alert("c", 4)], CancellationToken.None);
        second.Select(a => a.Key).ShouldBe(["c"]);

        var stored = await temp.Store.ReadAlertsAsync(null, 10, CancellationToken.None);
        stored.Select(a => a.Key).ShouldBe(["c", "b", "a"]); // newest first
        var b = stored.Single(a => a.Key == "b");
        b.RaisedAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero)); // the first raise stands
        b.Observed.ShouldBe(812.5m);
        b.Driver.ShouldBe("model claude-opus-4-1 (+$540.00 over a usual day)");
        (await temp.Store.ReadAlertsAsync(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), 10, CancellationToken.None)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RecordDelivery_ReplacesTheChannelsOutcome()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.AddAlertsAsync([Alert("a", 1)], CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);
        await temp.Store.RecordDeliveryAsync(new AlertDelivery("a", "slack", false, 4, "HTTP 503", at), CancellationToken.None);
        await temp.Store.RecordDeliveryAsync(new AlertDelivery("a", "slack", true, 1, null, at.AddHours(1)), CancellationToken.None);
        await temp.Store.RecordDeliveryAsync(new AlertDelivery("a", "email", false, 4, "timed out", at), CancellationToken.None);

        var deliveries = await temp.Store.ReadDeliveriesAsync(["a"], CancellationToken.None);
        deliveries.ShouldBe([new AlertDelivery("a", "email", false, 4, "timed out", at), new AlertDelivery("a", "slack", true, 1, null, at.AddHours(1))]);
    }

    [Fact]
    public async Task Budgets_SetAgainReplaces_RemoveDeletes()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 500m }, CancellationToken.None);
        await temp.Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 1500m, Period = BudgetPeriod.Quarterly, Thresholds = [0.9m] }, CancellationToken.None);
        await temp.Store.SetBudgetAsync(new Budget { Scope = BudgetScope.Key, Name = "payments-prod", Amount = 20.5m }, CancellationToken.None);

        var budgets = await temp.Store.ListBudgetsAsync(CancellationToken.None);
        budgets.Count.ShouldBe(2);
        var team = budgets.Single(b => b.Scope == BudgetScope.Team);
        (team.Amount, team.Period, team.Origin).ShouldBe((1500m, BudgetPeriod.Quarterly, "cli"));
        team.Thresholds.ShouldBe([0.9m]);

        (await temp.Store.RemoveBudgetAsync(BudgetScope.Team, "payments", CancellationToken.None)).ShouldBeTrue();
        (await temp.Store.RemoveBudgetAsync(BudgetScope.Team, "payments", CancellationToken.None)).ShouldBeFalse();
        (await temp.Store.ListBudgetsAsync(CancellationToken.None)).Single().Name.ShouldBe("payments-prod");
    }
}
