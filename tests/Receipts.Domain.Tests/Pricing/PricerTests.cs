using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Pricing;

/// <summary>Golden costs, each worked out by hand from the published per-MTok rates in the comment.</summary>
public sealed class PricerTests
{
    private static readonly Pricer BuiltIn = new(BuiltInPrices.Book());

    private static UsageRecord Record(string model, TokenCounts tokens) => new()
    {
        Id = Guid.NewGuid().ToString("n"),
        SourceKind = "test",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
        Model = model,
        Tokens = tokens,
    };

    [Fact]
    public void Sonnet45_Under200k_PricesEachKindAtItsRate()
    {
        // $3 in, $15 out, $3.75 5m write, $0.30 read per MTok:
        // 1,000×3 + 2,000×15 + 10,000×3.75 + 100,000×0.30 = 3,000 + 30,000 + 37,500 + 30,000 = 100,500 µ$ = $0.1005
        var result = BuiltIn.Price(Record("claude-sonnet-4-5-20250929", new TokenCounts(1_000, 2_000, 100_000, 10_000, 0)));

        result.Cost.ShouldBe(0.1005m);
        result.Basis.ShouldBe(CostBasis.Estimated);
        result.LongContext.ShouldBeFalse();
    }

    [Fact]
    public void Sonnet45_Over200kInput_PricesTheWholeRequestAtLongContextRates()
    {
        // Input 10,000 + read 190,000 + write 5,000 = 205,000 > 200k, so every token, output included, at
        // $6 in, $22.50 out, $7.50 5m write, $0.60 read: 60,000 + 22,500 + 37,500 + 114,000 µ$ = $0.234
        var result = BuiltIn.Price(Record("claude-sonnet-4-5", new TokenCounts(10_000, 1_000, 190_000, 5_000, 0)));

        result.Cost.ShouldBe(0.234m);
        result.LongContext.ShouldBeTrue();
    }

    [Fact]
    public void Sonnet45_Exactly200kInput_StaysAtStandardRates()
    {
        // 200,000 is not above 200k: 100,000×3 + 100,000×0.30 = 330,000 µ$
        var result = BuiltIn.Price(Record("claude-sonnet-4-5", new TokenCounts(100_000, 0, 100_000, 0, 0)));

        result.Cost.ShouldBe(0.33m);
        result.LongContext.ShouldBeFalse();
    }

    [Fact]
    public void Sonnet46_Over200k_HasNoLongContextPremium()
    {
        // Claude 4.6+ bill the 1M window at standard rates: 300,000 × $3 = $0.90
        BuiltIn.Price(Record("claude-sonnet-4-6", new TokenCounts(300_000, 0, 0, 0, 0))).Cost.ShouldBe(0.9m);
    }

    [Fact]
    public void OneHourCacheWrite_UsesTheOneHourRate()
    {
        // Opus 4.1: 1h write $30/MTok (2 × $15 input), 5m write $18.75: 100,000×30 + 100,000×18.75 = $4.875
        BuiltIn.Price(Record("claude-opus-4-1", new TokenCounts(0, 0, 0, 100_000, 100_000))).Cost.ShouldBe(4.875m);
    }

    [Fact]
    public void BatchTier_IsHalfOfStandard()
    {
        // Sonnet 4.5 batch: 1M in × $1.50 + 1M out × $7.50 = $9
        var record = Record("claude-sonnet-4-5", new TokenCounts(1_000_000 / 10, 1_000_000, 0, 0, 0)) with { ServiceTier = "batch", Requests = 1 };
        var tenRequests = record with { Tokens = new TokenCounts(1_000_000, 1_000_000, 0, 0, 0), Requests = 10 };

        // 100,000 in × 1.50 + 1M out × 7.50 = 0.15 + 7.50
        BuiltIn.Price(record).Cost.ShouldBe(7.65m);

        // Ten requests of 100k input each are not long-context requests, even though they sum to 1M.
        BuiltIn.Price(tenRequests).Cost.ShouldBe(9m);
    }

    [Fact]
    public void OpenAiPriorityAndFlexTiers_UseTheirOwnRates()
    {
        // gpt-5 priority: $2.50 in, $20 out, $0.25 read; flex: $0.625, $5, $0.0625.
        var tokens = new TokenCounts(1_000_000, 100_000, 1_000_000, 0, 0);
        var priority = Record("gpt-5", tokens) with { ServiceTier = "priority" };
        var flex = Record("gpt-5", tokens) with { ServiceTier = "flex" };

        BuiltIn.Price(priority).Cost.ShouldBe(2.5m + 2m + 0.25m);
        BuiltIn.Price(flex).Cost.ShouldBe(0.625m + 0.5m + 0.0625m);
    }

    [Fact]
    public void WebSearch_IsTenDollarsPerThousand()
    {
        // Haiku 4.5: 100 in × $1 = $0.0001, plus 3 searches × $0.01
        var record = Record("claude-haiku-4-5", new TokenCounts(100, 0, 0, 0, 0)) with { WebSearchRequests = 3 };

        BuiltIn.Price(record).Cost.ShouldBe(0.0301m);
    }

    [Fact]
    public void FastModeAndUsGeo_MultiplyTheTokenCost()
    {
        // Opus 4.6: 1,000 in × $5 = $0.005, × 6 (fast) × 1.1 (us) = $0.033
        var record = Record("claude-opus-4-6", new TokenCounts(1_000, 0, 0, 0, 0)) with { Speed = "fast", InferenceGeo = "us" };

        BuiltIn.Price(record).Cost.ShouldBe(0.033m);
        BuiltIn.Price(record with { Speed = null, InferenceGeo = "global" }).Cost.ShouldBe(0.005m);
    }

    [Fact]
    public void UnknownModel_HasUnknownCost_NeverZero()
    {
        var result = BuiltIn.Price(Record("mystery-model-1", new TokenCounts(1_000, 1_000, 0, 0, 0)));

        result.Cost.ShouldBeNull();
        result.Basis.ShouldBe(CostBasis.Unknown);
        result.IsKnown.ShouldBeFalse();
    }

    [Fact]
    public void RecordWithCost_KeepsItsOwnCost()
    {
        var legacy = Record("claude-sonnet-4-5", new TokenCounts(1_000, 1_000, 0, 0, 0)) with { Cost = 0.42m };
        var billedUnknownModel = Record("mystery-model-1", new TokenCounts(1, 1, 0, 0, 0)) with { Cost = 1.5m, CostBasis = CostBasis.Billed };

        BuiltIn.Price(legacy).ShouldBe(new PriceResult(0.42m, CostBasis.Estimated, FromRecord: true, LongContext: false));
        BuiltIn.Price(billedUnknownModel).ShouldBe(new PriceResult(1.5m, CostBasis.Billed, FromRecord: true, LongContext: false));
    }

    [Fact]
    public void NoTokens_CostsNothing_EvenForAnUnknownModel()
    {
        BuiltIn.Price(Record("<synthetic>", TokenCounts.Zero)).Cost.ShouldBe(0m);
    }

    [Fact]
    public void BuiltInClaudePrices_PriceOneHourWritesAtTwiceInput_LikeCcusage()
    {
        // ccusage prices 1h writes at input × 2 whatever LiteLLM says; our table must agree for every Claude model.
        foreach (var price in BuiltInPrices.All.Where(p => p.Provider == "anthropic"))
        {
            price.Standard.CacheWrite1h.ShouldBe(price.Standard.Input * 2, price.Model);
        }
    }

    [Fact]
    public void BuiltInTable_CoversTheModelsAgentsUse()
    {
        string[] required =
        [
            "claude-opus-4-7", "claude-opus-4-6", "claude-opus-4-5", "claude-opus-4-1", "claude-opus-4",
            "claude-sonnet-4-6", "claude-sonnet-4-5", "claude-sonnet-4", "claude-3-7-sonnet", "claude-haiku-4-5",
            "claude-3-5-haiku", "claude-3-haiku", "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5-codex", "gpt-5.1",
            "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini",
        ];
        var book = BuiltInPrices.Book();

        foreach (var model in required)
        {
            book.Find(model).ShouldNotBeNull(model);
        }

        BuiltInPrices.All.Select(p => p.Model).ShouldBeUnique();
        BuiltInPrices.All.ShouldAllBe(p => p.Source.Length > 0 && p.EffectiveFrom.Year >= 2024);
    }
}
