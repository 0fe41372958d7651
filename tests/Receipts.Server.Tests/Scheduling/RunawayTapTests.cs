using System.Text;
using Receipts.Domain.Usage;
using Receipts.Server.Metrics;
using Receipts.Server.Runaway;

namespace Receipts.Server.Tests.Scheduling;

public sealed class RunawayTapTests
{
    [Fact]
    public async Task Offer_WhenTheWatchIsBehind_DropsAndCountsInsteadOfWaiting()
    {
        var metrics = new CollectorMetrics(new NoSpendEstimator());
        var tap = new RunawayTap(metrics);
        var batch = new[] { Record("a"), Record("b") };
        for (var i = 0; i < RunawayTap.Capacity + 3; i++)
        {
            tap.Offer(batch);
        }

        tap.Reader.Count.ShouldBe(RunawayTap.Capacity);
        using var stream = new MemoryStream();
        await metrics.WriteAsync(stream, CancellationToken.None);
        Encoding.UTF8.GetString(stream.ToArray()).ShouldContain("receipts_runaway_tap_dropped_records_total 6");
    }

    private static UsageRecord Record(string id) => new()
    {
        Id = id,
        SourceKind = "generic",
        At = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, 1, 0, 0, 0),
    };
}
