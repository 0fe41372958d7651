using Receipts.Bench.Anomalies;
using Receipts.Domain.Anomalies;

namespace Receipts.Domain.Tests.Anomalies;

/// <summary>
/// Seeded synthetic months with one known anomaly each (bench/Anomalies measures the same over many seeds).
/// </summary>
public sealed class ScenarioTests
{
    [Theory]
    [InlineData(Scenario.Spike, 1)]
    [InlineData(Scenario.Spike, 2)]
    [InlineData(Scenario.Drift, 1)]
    [InlineData(Scenario.Runaway, 1)]
    [InlineData(Scenario.WrongEnv, 1)]
    [InlineData(Scenario.CostPerCall, 1)]
    public void Replay_InjectedAnomaly_IsFoundWithWhatSinceAndDriver(Scenario scenario, int seed)
    {
        var spend = SyntheticSpend.Generate(seed, scenario);
        var found = Evaluation.Replay(spend, AnomalyOptions.Default);
        var explained = found.Where(spend.Injected!.Explains).ToList();
        explained.ShouldNotBeEmpty($"{scenario} seed {seed} found: {string.Join("; ", found.Select(a => a.Subject + " " + a.Kind))}");
        var first = explained[0];
        first.Since.ShouldBeLessThan(first.At.AddDays(1));
        first.Description.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Replay_Runaway_NamesTheModelAndTheSession()
    {
        var spend = SyntheticSpend.Generate(1, Scenario.Runaway);
        var runaway = Evaluation.Replay(spend, AnomalyOptions.Default).First(a => a.Kind == AnomalyKind.Runaway && spend.Injected!.Explains(a));
        runaway.Driver.ShouldNotBeNull();
        runaway.Driver.ShouldContain("claude-opus-4-1");
        runaway.Driver.ShouldContain("loop-session");
        runaway.Ratio.ShouldBeGreaterThan(10m);
    }

    [Fact]
    public void Replay_CostPerCallJump_NamesTheModelSwitch()
    {
        var spend = SyntheticSpend.Generate(1, Scenario.CostPerCall);
        var jump = Evaluation.Replay(spend, AnomalyOptions.Default).First(a => a.Kind == AnomalyKind.CostPerCall);
        jump.Driver.ShouldNotBeNull();
        jump.Driver.ShouldContain("claude-opus-4-1");
        jump.Ratio.ShouldBeGreaterThan(4m);
    }

    [Fact]
    public void Replay_WrongEnv_NamesThePerson()
    {
        var spend = SyntheticSpend.Generate(2, Scenario.WrongEnv);
        var mismatch = Evaluation.Replay(spend, AnomalyOptions.Default).Single(a => a.Kind == AnomalyKind.EnvMismatch);
        mismatch.Driver.ShouldNotBeNull();
        mismatch.Driver.ShouldStartWith("person ");
        mismatch.Description.ShouldContain("env=dev");
    }

    [Fact]
    public void Replay_SteadyMonths_RaiseAlmostNothing()
    {
        // Four steady runs of 120 days, 30 series each: the bench's false-alert rate is about 0.1–0.4 a run;
        // a broken baseline (no MAD, no weekday split) raises dozens.
        var falseAlerts = Enumerable.Range(1, 4)
            .SelectMany(seed => Evaluation.Replay(SyntheticSpend.Generate(seed, Scenario.Steady), AnomalyOptions.Default))
            .ToList();
        falseAlerts.Count.ShouldBeLessThanOrEqualTo(2, string.Join("; ", falseAlerts.Select(a => a.Description)));
    }

    [Fact]
    public void RobustStats_MedianAndMad_IgnoreOneOutlier()
    {
        decimal[] values = [10m, 11m, 9m, 10m, 1000m];
        RobustStats.Median(values).ShouldBe(10m);
        RobustStats.Mad(values, 10m).ShouldBe(1m);
        RobustStats.KendallTau([1m, 2m, 3m, 4m]).ShouldBe(1m);
        RobustStats.KendallTau([4m, 3m, 2m, 1m]).ShouldBe(-1m);
    }
}
