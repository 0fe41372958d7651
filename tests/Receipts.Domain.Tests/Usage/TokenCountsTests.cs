using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Usage;

public sealed class TokenCountsTests
{
    [Fact]
    public void Constructor_NegativeCount_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TokenCounts(1, -1, 0, 0, 0));
    }

    [Fact]
    public void Add_SumsEveryKind()
    {
        var sum = new TokenCounts(1, 2, 3, 4, 5) + new TokenCounts(10, 20, 30, 40, 50);

        sum.ShouldBe(new TokenCounts(11, 22, 33, 44, 55));
        sum.CacheWrite.ShouldBe(99);
        sum.TotalInput.ShouldBe(11 + 33 + 99);
        sum.Total.ShouldBe(11 + 22 + 33 + 99);
    }

    [Fact]
    public void Add_Overflow_FailsLoudly()
    {
        var big = new TokenCounts(long.MaxValue, 0, 0, 0, 0);

        Should.Throw<OverflowException>(() => big + new TokenCounts(1, 0, 0, 0, 0));
    }
}
