namespace Receipts.Domain.Pricing;

/// <summary>The provider's service tiers that change the price of a token.</summary>
public enum ServiceTier
{
    Standard = 0,

    /// <summary>Anthropic Message Batches, OpenAI Batch API: 50% off list.</summary>
    Batch = 1,

    /// <summary>Anthropic Priority Tier, OpenAI priority processing.</summary>
    Priority = 2,

    /// <summary>OpenAI flex processing.</summary>
    Flex = 3,
}
