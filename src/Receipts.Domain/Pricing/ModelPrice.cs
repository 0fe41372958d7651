namespace Receipts.Domain.Pricing;

/// <summary>
/// The list price of one model: per-token rates by token kind and service tier, the long-context
/// tier, per-request extras and multipliers, with where the numbers came from and when they took effect.
/// </summary>
public sealed record ModelPrice
{
    /// <summary>The threshold of Anthropic's long-context tier: a request whose input exceeds it is priced whole at <see cref="Above200k"/>.</summary>
    public const long LongContextThreshold = 200_000;

    /// <summary>The model id this price is keyed by, as the provider names it (<c>claude-sonnet-4-5</c>, <c>gpt-5</c>).</summary>
    public required string Model { get; init; }

    /// <summary><c>anthropic</c>, <c>openai</c>, or the LiteLLM provider of an imported entry.</summary>
    public required string Provider { get; init; }

    /// <summary>Standard-tier rates.</summary>
    public required TokenRates Standard { get; init; }

    /// <summary>
    /// Rates for every token of a request whose input (uncached + cache read + cache write) exceeds
    /// 200k tokens; null when the model has no long-context premium (Claude 4.6+ bill the whole window at standard rates).
    /// </summary>
    public TokenRates? Above200k { get; init; }

    /// <summary>Batch-tier rates; null means the batch tier costs the same as standard (or the source did not say).</summary>
    public TokenRates? Batch { get; init; }

    /// <summary>Priority-tier rates; null means standard rates.</summary>
    public TokenRates? Priority { get; init; }

    /// <summary>Flex-tier rates; null means standard rates.</summary>
    public TokenRates? Flex { get; init; }

    /// <summary>USD per server-side web search request ($10 per 1,000 at Anthropic); null when not priced.</summary>
    public decimal? WebSearchPerRequest { get; init; }

    /// <summary>Multiplier on token costs when the request ran in fast mode (<c>speed: "fast"</c>); null when the model has none.</summary>
    public decimal? FastMultiplier { get; init; }

    /// <summary>Multiplier on token costs for US-only inference (<c>inference_geo: "us"</c>, Claude 4.6+: 1.1); null when none.</summary>
    public decimal? UsGeoMultiplier { get; init; }

    /// <summary>The date these rates took effect.</summary>
    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>Where the numbers come from: a page, a file and commit, an import.</summary>
    public required string Source { get; init; }

    /// <summary>The rates of a tier, falling back to standard when the model has no separate rates for it.</summary>
    public TokenRates RatesFor(ServiceTier tier) => tier switch
    {
        ServiceTier.Batch => Batch ?? Standard,
        ServiceTier.Priority => Priority ?? Standard,
        ServiceTier.Flex => Flex ?? Standard,
        _ => Standard,
    };
}
