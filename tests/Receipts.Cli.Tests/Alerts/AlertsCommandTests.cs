using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Cli.Tests.Alerts;

public sealed class AlertsCommandTests
{
    /// <summary>$30 on key payments-prod every weekday of November up to the 20th (the CLI's clock says 23 November, noon).</summary>
    private static async Task<UsageStoreFixture> StoreAsync()
    {
        var fixture = new UsageStoreFixture();
        var records = new List<UsageRecord>();
        for (var day = new DateOnly(2026, 10, 1); day < new DateOnly(2026, 11, 21); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            records.Add(UsageStoreFixture.Record("r" + day.DayNumber, at, "claude-sonnet-4-5", new TokenCounts(1000, 100, 0, 0, 0)) with
            {
                Cost = 30m,
                CostBasis = CostBasis.Billed,
                ApiKeyAlias = "payments-prod",
                Person = "sarah",
            });
        }

        await fixture.WriteAsync([.. records]);
        return fixture;
    }

    [Fact]
    public async Task Check_BudgetAlerts_DeliveredToTheWebhookOnceAndListed()
    {
        using var fixture = await StoreAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var config = Path.Combine(fixture.Folder, "receipts.yaml");
        await File.WriteAllTextAsync(config, """
            timezone: UTC
            alerts:
              channels:
                - { webhook_env: TEST_HOOK_URL, format: generic }
            """);
        var variables = new Dictionary<string, string?>(fixture.Variables) { ["TEST_HOOK_URL"] = receiver.Url.ToString() };

        var set = await CliRun.RunAsync(variables, "budget", "set", "--key", "payments-prod", "--monthly", "500");
        set.ExitCode.ShouldBe(0, set.Error);
        set.Out.ShouldContain("key payments-prod: $500.00 monthly");

        var check = await CliRun.RunAsync(variables, "alerts", "check", "--config", config, "--json");
        check.ExitCode.ShouldBe(0, check.Error);
        var raised = JsonDocument.Parse(check.Out).RootElement.GetProperty("raised");

        // 15 weekdays × $30 = $450 of $500: past 50% and 80%, and on course for 21 × $30 = $630.
        raised.EnumerateArray().Select(a => a.GetProperty("key").GetString()).ShouldBe(
            ["budget:key:payments-prod:2026-11:0.5", "budget:key:payments-prod:2026-11:0.8", "budget:key:payments-prod:2026-11:forecast"]);
        raised.EnumerateArray().ShouldAllBe(a => a.GetProperty("deliveries")[0].GetProperty("delivered").GetBoolean());
        receiver.Bodies.Count.ShouldBe(3);
        receiver.Bodies.ShouldContain(b => b.Contains("\"kind\":\"budget-forecast\"", StringComparison.Ordinal));

        var again = await CliRun.RunAsync(variables, "alerts", "check", "--config", config);
        again.ExitCode.ShouldBe(0, again.Error);
        again.Out.ShouldContain("0 new");
        receiver.Bodies.Count.ShouldBe(3);

        var list = await CliRun.RunAsync(variables, "alerts", "--json");
        list.ExitCode.ShouldBe(0, list.Error);
        JsonDocument.Parse(list.Out).RootElement.GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task BudgetList_ShowsSpentForecastRangeAndState()
    {
        using var fixture = await StoreAsync();
        (await fixture.RunAsync("budget", "set", "--person", "sarah", "--monthly", "1000")).ExitCode.ShouldBe(0);

        var list = await fixture.RunAsync("budget", "list", "--json");
        list.ExitCode.ShouldBe(0, list.Error);
        var row = JsonDocument.Parse(list.Out).RootElement[0];
        row.GetProperty("name").GetString().ShouldBe("sarah");
        row.GetProperty("spent").GetDecimal().ShouldBe(450m);
        row.GetProperty("forecast").GetDecimal().ShouldBe(630m, 30m);
        row.GetProperty("forecastLow").GetDecimal().ShouldBeLessThanOrEqualTo(row.GetProperty("forecast").GetDecimal());
        row.GetProperty("state").GetString().ShouldBe("ok");
        row.GetProperty("origin").GetString().ShouldBe("cli");

        var csv = await fixture.RunAsync("budget", "list", "--csv");
        csv.Out.Split('\n')[0].ShouldBe("budget,period,amount,spent,used,forecast,forecast_range,state,origin");
        csv.Out.Split('\n')[1].ShouldStartWith("person sarah,2026-11 (day 23/30),1000,450,0.45,");
    }

    [Fact]
    public async Task BudgetSet_TwoScopes_IsAUserError()
    {
        using var fixture = new UsageStoreFixture();
        var result = await fixture.RunAsync("budget", "set", "--team", "a", "--key", "b", "--monthly", "5");
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("exactly one of --team");
    }

    [Fact]
    public async Task Alerts_Empty_SaysHowToRunTheChecks()
    {
        using var fixture = new UsageStoreFixture();
        var result = await fixture.RunAsync("alerts");
        result.ExitCode.ShouldBe(0);
        result.Error.ShouldContain("receipts alerts check");
    }
}
