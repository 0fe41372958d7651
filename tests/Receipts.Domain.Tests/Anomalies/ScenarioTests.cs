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
    [InlineData(Scenario.Spike, 40)] // ×5.6 its level, read as ×5.0 a 28-day median at 4.4σ: missed before the six-week level and sixteen-week spread
    [InlineData(Scenario.Spike, 53)] // payments-dev2 ×5.5 its level: under the 4.7σ bar alone (its spread read high), found by the ×4 ratio on a 12-week level
    [InlineData(Scenario.Spike, 80)] // search-dev2 ×5.1 its level: the same
    [InlineData(Scenario.SpikeSmall, 1)]
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
    public void Replay_SteadyMonths_RaiseNothing()
    {
        // Ten steady runs of 120 days, 30 series each: ordinary noise raises no alert at all (the bench: none in
        // 40 runs of seeds 1–40); a broken baseline (no trimmed spread, no weekday split) raises dozens.
        var falseAlerts = Enumerable.Range(1, 10)
            .SelectMany(seed => Evaluation.Replay(SyntheticSpend.Generate(seed, Scenario.Steady), AnomalyOptions.Default))
            .ToList();
        falseAlerts.ShouldBeEmpty(string.Join("; ", falseAlerts.Select(a => a.Description)));
    }

    [Theory]
    [InlineData(2)]  // payments-dev2: ×2.8 its level read as 4.6σ (28-day median 12% low, MAD/IQR spread at the 0.25 floor)
    [InlineData(8)]  // payments-dev3: ×2.9 its level read as 4.8σ
    [InlineData(20)] // search-dev4: ×3.3 its level read as 4.6σ on 43 days of history
    [InlineData(29)] // platform-dev1: $96.64 in one hour of a heavy day, 3.4 × its 95th-percentile hour, read as a runaway
    [InlineData(99)]  // search-dev1: ×3.0 its level, read as ×3.4 a six-week level at 4.8σ (spread read 0.26): under the ×4 ratio
    [InlineData(182)] // payments-dev3: ×3.9 its level, read as ×4.1 a six-week level at 5.6σ (spread at the 0.25 floor); ×3.9 the twelve-week level
    public void Replay_SteadySeedsThatRaisedFalseAlerts_RaiseNothing(int seed)
    {
        var falseAlerts = Evaluation.Replay(SyntheticSpend.Generate(seed, Scenario.Steady), AnomalyOptions.Default);
        falseAlerts.ShouldBeEmpty(string.Join("; ", falseAlerts.Select(a => $"{a.Subject}: {a.Description}")));
    }

    [Fact]
    public void RobustStats_TrimmedSigmaAndMean_AreSteadyAndIgnoreAnOutlier()
    {
        // Sixty draws of a normal with σ 0.35 around 2, and one old spike far out: the spike is set aside, the
        // rest give the spread (within the sampling error of sixty draws), where the plain SD would double.
        var random = new Random(3);
        var clean = Enumerable.Range(0, 60)
            .Select(_ => 2m + (decimal)(0.35 * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble())))
            .ToList();
        var values = clean.Append(2m + 3m).ToList();
        RobustStats.TrimmedSigma(values).ShouldBe(RobustStats.TrimmedSigma(clean));
        RobustStats.TrimmedSigma(values).ShouldBe(0.35m, 0.07m);
        RobustStats.TrimmedMean(values).ShouldBe(RobustStats.TrimmedMean(clean));
        RobustStats.TrimmedMean(values).ShouldBe(2m, 0.1m);
        var mean = values.Average();
        ((decimal)Math.Sqrt((double)values.Sum(v => (v - mean) * (v - mean)) / 60)).ShouldBeGreaterThan(0.45m);
        RobustStats.TrimmedSigma([1m, 1m, 1m]).ShouldBe(0m);
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
