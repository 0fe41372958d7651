using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Budgets;

public sealed class BudgetEvaluatorTests
{
    private static SpendItem Item(DateOnly day, decimal amount, string? team = "payments", string? key = null) => new()
    {
        RecordId = Guid.NewGuid().ToString(),
        At = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        Model = "claude-sonnet-4-5",
        Team = team,
        ApiKey = key,
        Amount = amount,
    };

    /// <summary>$40 a weekday for the payments team since October.</summary>
    private static List<SpendItem> Spend(DateOnly until)
    {
        var items = new List<SpendItem>();
        for (var day = new DateOnly(2026, 10, 1); day < until; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                items.Add(Item(day, 40m));
                items.Add(Item(day, 5m, team: "search", key: "search-prod"));
            }
        }

        return items;
    }

    private static readonly Budget Payments = new() { Scope = BudgetScope.Team, Name = "payments", Amount = 1000m };

    [Fact]
    public void Evaluate_MidMonth_CrossesFiftyPercentOnlyAndCountsOnlyItsTeam()
    {
        var asOf = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);
        var budget = Payments with { Amount = 700m };
        var status = BudgetEvaluator.Evaluate([budget], Spend(new DateOnly(2026, 11, 16)), asOf, TimeZoneInfo.Utc).Single();
        status.Forecast.Spent.ShouldBe(40m * 10); // ten weekdays, 2–13 November
        status.CrossedThresholds.ShouldBe([0.5m]);
        status.PeriodLabel.ShouldBe("2026-11");
        status.Forecast.Expected.ShouldBe(40m * 21, 20m); // 21 weekdays in November 2026
        status.State.ShouldBe("at-risk");

        var generous = BudgetEvaluator.Evaluate([Payments], Spend(new DateOnly(2026, 11, 16)), asOf, TimeZoneInfo.Utc).Single();
        generous.CrossedThresholds.ShouldBeEmpty();
        generous.State.ShouldBe("ok");
    }

    [Fact]
    public void Evaluate_SmallBudget_ForecastToExceedThenOver()
    {
        var tight = Payments with { Amount = 600m };
        var early = BudgetEvaluator.Evaluate([tight], Spend(new DateOnly(2026, 11, 10)), new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).Single();
        early.ForecastToExceed.ShouldBeTrue();
        early.State.ShouldBe("at-risk");

        var late = BudgetEvaluator.Evaluate([tight], Spend(new DateOnly(2026, 11, 28)), new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).Single();
        late.CrossedThresholds.ShouldBe([0.5m, 0.8m, 1.0m]);
        late.State.ShouldBe("over");
        late.ForecastToExceed.ShouldBeFalse(); // already over: the 100% alert says it
    }

    [Fact]
    public void Evaluate_Quarterly_UsesTheCalendarQuarter()
    {
        var quarterly = Payments with { Period = BudgetPeriod.Quarterly, Amount = 3000m };
        var status = BudgetEvaluator.Evaluate([quarterly], Spend(new DateOnly(2026, 11, 16)), new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).Single();
        status.PeriodStart.ShouldBe(new DateOnly(2026, 10, 1));
        status.PeriodEnd.ShouldBe(new DateOnly(2027, 1, 1));
        status.PeriodLabel.ShouldBe("2026-Q4");
        status.Forecast.Spent.ShouldBe(40m * (22 + 10)); // October's 22 weekdays and ten of November
    }

    [Fact]
    public void Evaluate_KeyBudget_MatchesTheKeyCaseInsensitively()
    {
        var key = new Budget { Scope = BudgetScope.Key, Name = "Search-Prod", Amount = 50m };
        var status = BudgetEvaluator.Evaluate([key], Spend(new DateOnly(2026, 11, 16)), new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).Single();
        status.Forecast.Spent.ShouldBe(50m);
        status.CrossedThresholds.ShouldBe([0.5m, 0.8m, 1.0m]);
    }

    [Fact]
    public void BudgetAlerts_KeyedPerPeriodAndThreshold_SoTheyAlertOncePerPeriod()
    {
        var tight = Payments with { Amount = 600m };
        var asOf = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var status = BudgetEvaluator.Evaluate([tight], Spend(new DateOnly(2026, 11, 28)), asOf, TimeZoneInfo.Utc);
        var alerts = BudgetAlerts.For(status, asOf, TimeZoneInfo.Utc);
        alerts.Select(a => a.Key).ShouldBe(["budget:team:payments:2026-11:0.5", "budget:team:payments:2026-11:0.8", "budget:team:payments:2026-11:1"]);
        alerts[^1].Severity.ShouldBe(AlertSeverity.Critical);
        alerts[^1].Detail.ShouldContain("forecast");

        // The next day the same keys come back: the store's sent-once state drops them.
        var nextDay = BudgetAlerts.For(BudgetEvaluator.Evaluate([tight], Spend(new DateOnly(2026, 11, 29)), asOf.AddDays(1), TimeZoneInfo.Utc), asOf.AddDays(1), TimeZoneInfo.Utc);
        nextDay.Select(a => a.Key).ShouldBe(alerts.Select(a => a.Key));
    }
}
