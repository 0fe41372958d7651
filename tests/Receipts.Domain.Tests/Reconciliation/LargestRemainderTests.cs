using Receipts.Domain.Reconciliation;

namespace Receipts.Domain.Tests.Reconciliation;

public sealed class LargestRemainderTests
{
    [Fact]
    public void Allocate_ThirdsOfACent_GivesTheLeftoverToTheLargestRemainder()
    {
        LargestRemainder.Allocate(100, [1m, 1m, 1m]).ShouldBe([34L, 33L, 33L]);
        LargestRemainder.Allocate(100, [1m, 2m]).ShouldBe([33L, 67L]);
    }

    [Fact]
    public void Allocate_Negative_SplitsACreditTheSameWay()
    {
        LargestRemainder.Allocate(-100, [1m, 1m, 1m]).ShouldBe([-34L, -33L, -33L]);
    }

    [Fact]
    public void Allocate_ZeroWeightsSum_Throws()
    {
        Should.Throw<ArgumentException>(() => LargestRemainder.Allocate(5, [0m, 0m]));
    }

    [Fact]
    public void Allocate_RandomInputs_AlwaysSumsExactly()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 2000; run++)
        {
            var total = random.NextInt64(-1_000_000, 10_000_000);
            var weights = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => random.Next(4) == 0 ? 0m : (decimal)random.NextDouble() * random.Next(1, 100_000))
                .ToArray();
            if (weights.Sum() == 0)
            {
                weights[0] = 1m;
            }

            var parts = LargestRemainder.Allocate(total, weights);

            parts.Sum().ShouldBe(total, $"run {run}");
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = total * weights[i] / weights.Sum();
                Math.Abs(parts[i] - exact).ShouldBeLessThan(1m, $"run {run} part {i}");
            }
        }
    }
}
