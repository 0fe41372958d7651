namespace Receipts.Bench.CorpusGen;

/// <summary>
/// The token counts of one API response as Claude Code writes them in <c>message.usage</c>.
/// Cache writes are split by TTL; <see cref="CacheCreation"/> is what lands in
/// <c>cache_creation_input_tokens</c>.
/// </summary>
internal readonly record struct Usage(long Input, long Output, long CacheCreation5m, long CacheCreation1h, long CacheRead)
{
    public long CacheCreation => CacheCreation5m + CacheCreation1h;

    /// <summary>The sum ccusage compares when two copies of one response collide.</summary>
    public long Total => Input + Output + CacheCreation + CacheRead;

    public bool HasTypeAbove200k =>
        Input > 200_000 || Output > 200_000 || CacheCreation5m > 200_000 || CacheCreation1h > 200_000 || CacheRead > 200_000;

    public bool HasPromptAbove200k => Input + CacheCreation + CacheRead > 200_000;
}
