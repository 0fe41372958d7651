namespace Receipts.Domain.Usage;

/// <summary>
/// Tokens of one request (or a sum of requests) by kind, in Anthropic's semantics:
/// <see cref="Input"/> is uncached input only; cache reads and writes are counted apart.
/// Sources with other semantics (OpenAI, Codex, OTel GenAI) convert on the way in.
/// </summary>
public readonly record struct TokenCounts
{
    public TokenCounts(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h)
    {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite5m < 0 || cacheWrite1h < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Token counts cannot be negative.");
        }

        Input = input;
        Output = output;
        CacheRead = cacheRead;
        CacheWrite5m = cacheWrite5m;
        CacheWrite1h = cacheWrite1h;
    }

    public static TokenCounts Zero => default;

    public long Input { get; }

    public long Output { get; }

    public long CacheRead { get; }

    public long CacheWrite5m { get; }

    public long CacheWrite1h { get; }

    /// <summary>All cache writes, both time-to-live classes.</summary>
    public long CacheWrite => CacheWrite5m + CacheWrite1h;

    /// <summary>Everything the request sent as input: uncached, cache reads and cache writes.</summary>
    public long TotalInput => Input + CacheRead + CacheWrite;

    public long Total => TotalInput + Output;

    public static TokenCounts operator +(TokenCounts a, TokenCounts b) => new(
        a.Input + b.Input,
        a.Output + b.Output,
        a.CacheRead + b.CacheRead,
        a.CacheWrite5m + b.CacheWrite5m,
        a.CacheWrite1h + b.CacheWrite1h);

    public static TokenCounts Add(TokenCounts a, TokenCounts b) => a + b;
}
