using Receipts.Domain.Usage;

namespace Receipts.Domain.Pricing;

/// <summary>
/// Prices usage records with a <see cref="PriceBook"/>, the way Anthropic and OpenAI bill them:
/// <list type="bullet">
/// <item>a cost the record already carries (billed, or Claude Code's legacy <c>costUSD</c>) is used as is;</item>
/// <item>the service tier picks the rates (batch, priority, flex), standard otherwise;</item>
/// <item>when the request's input (uncached + cache read + cache write) exceeds 200k tokens and the model
/// has long-context rates, <em>every</em> token of the request is priced at them, output included
/// (Anthropic's rule). ccusage instead applies the threshold per token type (the first 200k of each type
/// at base), so it charges less for such requests; below 200k the two agree;</item>
/// <item>1h cache writes use the model's own 1h rate (2× input at Anthropic, as LiteLLM's
/// <c>cache_creation_input_token_cost_above_1hr</c>); ccusage prices them at input × 2, the same number
/// for every current model;</item>
/// <item>fast mode and US-only inference multiply the token cost; web searches are added per request;</item>
/// <item>a model with no price has an unknown cost: its tokens still count, its dollars are not invented.</item>
/// </list>
/// One pricer caches its look-ups per model string; it is not thread-safe (use one per report).
/// </summary>
public sealed class Pricer
{
    private readonly PriceBook _book;
    private readonly Dictionary<string, ModelPrice?> _cache = new(StringComparer.Ordinal);

    public Pricer(PriceBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
    }

    /// <summary>The price of <paramref name="model"/>, or null when the book has none; cached per string.</summary>
    public ModelPrice? Lookup(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!_cache.TryGetValue(model, out var price))
        {
            price = _book.Find(model);
            _cache[model] = price;
        }

        return price;
    }

    public PriceResult Price(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Cost is { } given)
        {
            return new PriceResult(given, record.CostBasis == CostBasis.Unknown ? CostBasis.Estimated : record.CostBasis, FromRecord: true, LongContext: false);
        }

        // Nothing consumed costs nothing, whatever the model (Claude Code's "<synthetic>" placeholder lines).
        if (record.Tokens.Total == 0 && record.WebSearchRequests == 0)
        {
            return new PriceResult(0m, CostBasis.Estimated, FromRecord: false, LongContext: false);
        }

        var price = Lookup(record.Model);
        if (price is null)
        {
            return PriceResult.Unknown;
        }

        var cost = Compute(price, record.Tokens, ParseTier(record.ServiceTier), record.Requests, record.Speed, record.InferenceGeo, record.WebSearchRequests, out var longContext);
        return new PriceResult(cost, CostBasis.Estimated, FromRecord: false, longContext);
    }

    /// <summary>The list-price cost of <paramref name="tokens"/> (one request, or <paramref name="requests"/> requests summed).</summary>
    public static decimal Compute(
        ModelPrice price,
        TokenCounts tokens,
        ServiceTier tier,
        long requests,
        string? speed,
        string? inferenceGeo,
        long webSearchRequests,
        out bool longContext)
    {
        ArgumentNullException.ThrowIfNull(price);

        // The tier is chosen per request; a record that sums several requests is judged by their average input.
        longContext = price.Above200k is not null
            && tokens.TotalInput > ModelPrice.LongContextThreshold * Math.Max(1, requests);
        return Compute(price, tokens, tier, longContext, speed, inferenceGeo, webSearchRequests);
    }

    /// <summary>
    /// The list-price cost of <paramref name="tokens"/> summed over requests that were each judged long-context
    /// (or each not) already: the pipeline sums records on either side of the threshold apart, so each keeps its tier.
    /// <paramref name="longContext"/> has no effect for a model without long-context rates.
    /// </summary>
    public static decimal Compute(
        ModelPrice price,
        TokenCounts tokens,
        ServiceTier tier,
        bool longContext,
        string? speed,
        string? inferenceGeo,
        long webSearchRequests)
    {
        ArgumentNullException.ThrowIfNull(price);
        var rates = price.RatesFor(tier);
        if (longContext && price.Above200k is not null)
        {
            rates = ReferenceEquals(rates, price.Standard) || price.Standard.Input == 0
                ? price.Above200k!
                : price.Above200k!.Scale(rates.Input / price.Standard.Input);
        }

        var tokenCost = (tokens.Input * rates.Input)
            + (tokens.Output * rates.Output)
            + (tokens.CacheWrite5m * rates.CacheWrite5m)
            + (tokens.CacheWrite1h * rates.CacheWrite1h)
            + (tokens.CacheRead * rates.CacheRead);

        if (price.FastMultiplier is { } fast && string.Equals(speed, "fast", StringComparison.OrdinalIgnoreCase))
        {
            tokenCost *= fast;
        }

        if (price.UsGeoMultiplier is { } us && string.Equals(inferenceGeo, "us", StringComparison.OrdinalIgnoreCase))
        {
            tokenCost *= us;
        }

        return tokenCost + (webSearchRequests * (price.WebSearchPerRequest ?? 0m));
    }

    /// <summary>Reads a source's service tier; anything unknown (<c>default</c>, <c>auto</c>, <c>scale</c>) is standard.</summary>
    public static ServiceTier ParseTier(string? tier)
    {
        // No ToLowerInvariant: this runs once per record and must not allocate.
        if (string.Equals(tier, "batch", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceTier.Batch;
        }

        if (string.Equals(tier, "priority", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceTier.Priority;
        }

        return string.Equals(tier, "flex", StringComparison.OrdinalIgnoreCase) ? ServiceTier.Flex : ServiceTier.Standard;
    }
}
