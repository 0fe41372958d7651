using Receipts.Bench.Anomalies;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Domain.Tests.Reports;

public sealed class CostPerCallTestTests
{
    [Fact]
    public void UpperTailP_AllOfTheWeekAboveTheBaseline_MatchesTheNormalApproximation()
    {
        // n1 = 3, n2 = 7, U = 21: mean 10.5, variance 3·7/12·11 = 19.25, z = (21 − 10.5 − 0.5) / √19.25 = 2.2792.
        var p = CostPerCallTest.UpperTailP([10m, 11m, 12m], [1m, 2m, 3m, 4m, 5m, 6m, 7m]);
        p.ShouldBe(0.01133, 0.0002);
    }

    [Fact]
    public void UpperTailP_SameValues_IsNotSignificant()
    {
        CostPerCallTest.UpperTailP([1m, 1m, 1m], [1m, 1m, 1m, 1m, 1m, 1m, 1m]).ShouldBe(1.0);
        CostPerCallTest.UpperTailP([1m, 2m, 3m], [1m, 2m, 3m, 1m, 2m, 3m, 2m]).ShouldBeGreaterThan(0.4);
    }

    [Fact]
    public void Erfc_KnownValues()
    {
        CostPerCallTest.Erfc(0).ShouldBe(1.0, 1e-7);
        CostPerCallTest.Erfc(1).ShouldBe(0.157299207, 1e-7);
        CostPerCallTest.Erfc(-1).ShouldBe(1.842700793, 1e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ReplayWeekly_ModelSwitch_IsListedInTheWeekItHappened(int seed)
    {
        var spend = SyntheticSpend.Generate(seed, Scenario.CostPerCall);
        var found = Evaluation.ReplayWeekly(spend, AnomalyOptions.Default);
        var explained = found.Where(spend.Injected!.Explains).ToList();
        explained.ShouldNotBeEmpty();
        (explained[0].At - spend.Injected.From).ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(7));
        explained[0].Observed.ShouldBeGreaterThan(explained[0].Baseline * 3m);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReplayWeekly_SteadySpend_ListsNothing(int seed) =>
        Evaluation.ReplayWeekly(SyntheticSpend.Generate(seed, Scenario.Steady), AnomalyOptions.Default).ShouldBeEmpty();
}
