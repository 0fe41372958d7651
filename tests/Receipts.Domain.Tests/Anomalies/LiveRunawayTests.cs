using Receipts.Bench.Anomalies;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Anomalies;

public sealed class LiveRunawayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReplayLive_InjectedRunaway_IsFoundWithTheKeyTheScheduledCheckUses(int seed)
    {
        var spend = SyntheticSpend.Generate(seed, Scenario.Runaway);
        var live = Evaluation.ReplayLive(spend, AnomalyOptions.Default).Where(spend.Injected!.Explains).ToList();
        live.ShouldNotBeEmpty();
        live[0].Kind.ShouldBe(AnomalyKind.Runaway);
        live[0].Driver.ShouldNotBeNull();
        live[0].Driver!.ShouldContain("claude-opus-4-1");

        // Same key as the hourly history check, so the scheduled check does not raise it a second time.
        var scheduled = Evaluation.Replay(spend, AnomalyOptions.Default).Where(a => a.Kind == AnomalyKind.Runaway).Select(a => a.Key).ToHashSet();
        scheduled.ShouldContain(live[0].Key);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReplayLive_SteadySpend_RaisesNothing(int seed) =>
        Evaluation.ReplayLive(SyntheticSpend.Generate(seed, Scenario.Steady), AnomalyOptions.Default).ShouldBeEmpty();

    [Fact]
    public void Add_TheSameRecordTwice_CountsItOnce()
    {
        var detector = new LiveRunawayDetector(AnomalyOptions.Default);
        var start = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            detector.Seed(Item($"b{i}", start.AddHours(i * 5), 2m));
        }

        var now = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
        // $40 is under the $50 excess a runaway needs; counted twice it would be $80 and raise one.
        detector.Add(Item("big", now.AddMinutes(1), 40m)).ShouldBeEmpty();
        detector.Add(Item("big", now.AddMinutes(1), 40m)).ShouldBeEmpty();
        var found = detector.Add(Item("big-2", now.AddMinutes(2), 20m));
        found.ShouldHaveSingleItem().Observed.ShouldBe(60m);
        found[0].Baseline.ShouldBe(2m);

        // Raised once: more spend in the same hour adds nothing new.
        detector.Add(Item("big-3", now.AddMinutes(3), 10m)).ShouldBeEmpty();
    }

    private static SpendItem Item(string id, DateTimeOffset at, decimal amount) => new()
    {
        RecordId = id,
        At = at,
        Model = "claude-sonnet-4-5",
        Person = "sarah",
        Amount = amount,
    };
}
