using System.Text;
using Receipts.Domain.Usage;
using Receipts.Server.Metrics;

namespace Receipts.Server.Tests;

public sealed class CollectorMetricsTests
{
    private static UsageRecord Record(string model, long output) => new()
    {
        Id = Guid.NewGuid().ToString("n"),
        SourceKind = "generic",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = model,
        Tokens = new TokenCounts(0, output, 0, 0, 0),
        Cost = 0.25m,
        CostBasis = CostBasis.Billed,
        Tags = new Dictionary<string, string> { ["team"] = "payments", ["project"] = "refunds" },
    };

    private static async Task<string> TextAsync(CollectorMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.WriteAsync(stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Spend_CountsTokensRequestsAndBilledCost_ByTeamProjectAndModel()
    {
        var metrics = new CollectorMetrics(new NoSpendEstimator());

        metrics.Spend([Record("claude-opus-4-5", 10), Record("claude-opus-4-5", 5)]);
        var text = await TextAsync(metrics);

        text.ShouldContain("receipts_usage_tokens_total{team=\"payments\",project=\"refunds\",model=\"claude-opus-4-5\",kind=\"output\"} 15");
        text.ShouldContain("receipts_usage_requests_total{team=\"payments\",project=\"refunds\",model=\"claude-opus-4-5\"} 2");
        text.ShouldContain("receipts_usage_cost_total{team=\"payments\",project=\"refunds\",model=\"claude-opus-4-5\",currency=\"USD\",basis=\"billed\"} 0.5");
    }

    [Fact]
    public async Task Spend_SenderInventsEndlessModels_SeriesStayBounded()
    {
        var metrics = new CollectorMetrics(new NoSpendEstimator());

        metrics.Spend(Enumerable.Range(0, CollectorMetrics.MaxSpendSeries + 500).Select(i => Record("model-" + i, 1)));
        var text = await TextAsync(metrics);

        text.Split('\n').Count(l => l.StartsWith("receipts_usage_requests_total{", StringComparison.Ordinal)).ShouldBe(CollectorMetrics.MaxSpendSeries + 1);
        text.ShouldContain("receipts_usage_requests_total{team=\"other\",project=\"other\",model=\"other\"} 500");
    }
}
