namespace Receipts.Domain.Pricing;

/// <summary>
/// USD per single token for each kind of token one request carries. Exact decimals, never doubles:
/// a rate of $3 per million tokens is <c>0.000003m</c>.
/// </summary>
public sealed record TokenRates
{
    public TokenRates(decimal input, decimal output, decimal cacheWrite5m, decimal cacheWrite1h, decimal cacheRead)
    {
        if (input < 0 || output < 0 || cacheWrite5m < 0 || cacheWrite1h < 0 || cacheRead < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Token rates cannot be negative.");
        }

        Input = input;
        Output = output;
        CacheWrite5m = cacheWrite5m;
        CacheWrite1h = cacheWrite1h;
        CacheRead = cacheRead;
    }

    /// <summary>Uncached input.</summary>
    public decimal Input { get; }

    public decimal Output { get; }

    /// <summary>Cache writes with the 5-minute time to live (Anthropic's default).</summary>
    public decimal CacheWrite5m { get; }

    /// <summary>Cache writes with the 1-hour time to live.</summary>
    public decimal CacheWrite1h { get; }

    public decimal CacheRead { get; }

    /// <summary>
    /// Anthropic's published ratios from one input rate: 5m write 1.25×, 1h write 2×, cache read 0.1×
    /// (Platform-docs <c>about-claude/pricing.md</c>).
    /// </summary>
    public static TokenRates AnthropicFromInput(decimal input, decimal output) =>
        new(input, output, input * 1.25m, input * 2m, input * 0.1m);

    /// <summary>Every rate multiplied by <paramref name="factor"/> (batch discount, geo premium, fast mode).</summary>
    public TokenRates Scale(decimal factor) =>
        factor == 1m ? this : new(Input * factor, Output * factor, CacheWrite5m * factor, CacheWrite1h * factor, CacheRead * factor);

    /// <summary>Per million tokens, for people: <c>0.000003</c> → <c>3</c>.</summary>
    public static decimal PerMillion(decimal perToken) => perToken * 1_000_000m;
}
