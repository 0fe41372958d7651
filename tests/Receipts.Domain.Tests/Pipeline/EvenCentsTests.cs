using Receipts.Domain.Pipeline;

namespace Receipts.Domain.Tests.Pipeline;

public sealed class EvenCentsTests
{
    [Theory]
    [InlineData(20000L, 31)]
    [InlineData(1900L, 30)]
    [InlineData(7L, 10)]
    [InlineData(-500L, 7)]
    public void EvenCents_SumsExactly_AndEveryWindowIsWithinACentOfItsShare(long cents, int days)
    {
        var parts = SpendPipeline.EvenCents(cents, days);

        parts.Sum().ShouldBe(cents);
        for (var start = 0; start < days; start++)
        {
            for (var end = start; end < days; end++)
            {
                var exact = (decimal)cents * (end - start + 1) / days;
                Math.Abs(parts[start..(end + 1)].Sum() - exact).ShouldBeLessThanOrEqualTo(1m);
            }
        }
    }
}
