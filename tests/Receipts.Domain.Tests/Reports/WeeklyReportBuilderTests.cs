using Receipts.Bench.Anomalies;
using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Directory;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Reports.Rendering;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Domain.Tests.Reports;

/// <summary>The weekly report's sections over seeded synthetic months with one known anomaly each.</summary>
public sealed class WeeklyReportBuilderTests
{
    [Fact]
    public void Build_WrongEnvWeek_ListsTheProductionKeyWithItsCallsAndPerson()
    {
        var spend = SyntheticSpend.Generate(2, Scenario.WrongEnv);
        var report = Build(spend, IsoWeek.Of(spend.Injected!.From, TimeZoneInfo.Utc));
        var misuse = report.ProductionMisuse.ShouldHaveSingleItem();
        spend.Injected.Subjects.ShouldContain("key " + misuse.Key);
        misuse.Requests.ShouldBe(spend.Items.Where(i => i.ApiKey == misuse.Key && i.Env == "dev").Sum(i => i.Requests));
        misuse.Envs.ShouldBe(["dev"]);
        misuse.Driver!.ShouldStartWith("person ");
        WeeklyDocument.Render(report, ReportFormat.Markdown).ShouldContain("| " + misuse.Key + " |");
    }

    [Fact]
    public void Build_SpikeWeek_ListsTheSpikeAndSteadyWeeksListNone()
    {
        var spend = SyntheticSpend.Generate(1, Scenario.Spike);
        var week = IsoWeek.Of(spend.Injected!.From, TimeZoneInfo.Utc);
        Build(spend, week).Anomalies.ShouldContain(a => spend.Injected.Explains(a));

        var steady = SyntheticSpend.Generate(1, Scenario.Steady);
        Build(steady, week).Anomalies.ShouldBeEmpty();
    }

    [Fact]
    public void Build_ModelSwitchWeek_ListsTheCostPerCallRiseWithTheTestsPValue()
    {
        var spend = SyntheticSpend.Generate(1, Scenario.CostPerCall);
        var report = Build(spend, IsoWeek.Of(spend.Injected!.From, TimeZoneInfo.Utc).AddWeeks(1));
        var rise = report.CostPerCallRises.ShouldHaveSingleItem();
        spend.Injected.Subjects.ShouldContain("workflow " + rise.Workflow);
        rise.PValue.ShouldBeLessThan(CostPerCallTest.Alpha);
        rise.Ratio.ShouldBeGreaterThan(2m);
        rise.Driver!.ShouldContain("claude-opus-4-1");
        var json = WeeklyJson.Write(report);
        json.ShouldContain("\"workflow\": \"" + rise.Workflow + "\"");
        json.ShouldContain("\"p_value\"");
    }

    [Fact]
    public void Build_TeamsAndTopLines_AddUpToTheWeeksItems()
    {
        var spend = SyntheticSpend.Generate(3, Scenario.Steady);
        var week = IsoWeek.Parse("2026-W12");
        var report = Build(spend, week);
        var items = spend.Items.Where(i => IsoWeek.Of(i.At, TimeZoneInfo.Utc) == week).ToList();
        report.TotalSpend.ShouldBe(items.Sum(i => i.Amount ?? 0m));
        report.Teams.Select(t => t.Team).ShouldBe(["payments", "platform", "search"], ignoreOrder: true);
        foreach (var team in report.Teams)
        {
            team.Spend.ShouldBe(items.Where(i => i.Team == team.Team).Sum(i => i.Amount ?? 0m));
        }

        report.TopWorkflows.Count.ShouldBe(3);
        report.TopWorkflows[0].Spend.ShouldBe(items.Where(i => i.Workflow is not null).GroupBy(i => i.Workflow).Max(g => g.Sum(i => i.Amount ?? 0m)));
        report.TopProjects.Count.ShouldBe(5);
        report.Budgets.ShouldHaveSingleItem().Forecast.Spent.ShouldBe(spend.Items
            .Where(i => i.Team == "payments" && i.At < WeeklyReportService.EndOf(week, TimeZoneInfo.Utc) && i.At >= new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))
            .Sum(i => i.Amount ?? 0m), 0.01m);
    }

    private static WeeklyReport Build(SyntheticSpend spend, IsoWeek week)
    {
        var zone = TimeZoneInfo.Utc;
        var asOf = WeeklyReportService.EndOf(week, zone);
        var items = spend.Items.Where(i => i.At <= asOf).ToList();
        var directory = new DirectoryView(DirectoryConfig.Empty with
        {
            Alerts = AlertsConfig.Empty,
        });
        CpvoService.Result Result(int weeks, bool trend) => new(
            CpvoCalculator.Calculate(items, [], new CpvoOptions { LastWeek = week, Weeks = weeks, Zone = zone }, trend),
            new SpendLedger
            {
                Items = items,
                Cells = [],
                Coverage = [],
                Disagreements = [],
                UnattributedIdentities = [],
                UnattributedPaths = [],
                IdleSeats = [],
                UnpricedModels = [],
            },
            [],
            week.AddWeeks(-weeks).StartIn(zone),
            asOf);
        return WeeklyReportBuilder.Build(week, zone, asOf, Result(8, trend: true), Result(1, trend: false), null,
            [new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 100_000m }], directory);
    }
}
