using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Metrics;

public sealed class DistributionTests
{
    [Fact]
    public void Of_ComputesMedianP90Max_ByLinearInterpolation()
    {
        var d = Distribution.Of([10m, 1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m]);

        d.Median.ShouldBe(5.5m);
        d.P90.ShouldBe(9.1m);
        d.Max.ShouldBe(10m);
        d.Count.ShouldBe(10);
    }

    [Fact]
    public void Of_Empty_HasNoValues()
    {
        Distribution.Of([]).ShouldBe(Distribution.Empty);
    }
}
