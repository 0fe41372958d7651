namespace Receipts.Sources.ClaudeCode;

/// <summary>The counts and context of one assistant line, kept while de-duplicating (no content, ever).</summary>
internal sealed class ClaudeEntry
{
    /// <summary>The de-duplication key, also the record id's tail (§1.8).</summary>
    public required string Key { get; init; }

    public required string File { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? MessageId { get; init; }

    public string? RequestId { get; init; }

    public required string SessionId { get; init; }

    public string? Model { get; init; }

    public long Input { get; init; }

    public long Output { get; init; }

    public long CacheRead { get; init; }

    public long CacheWrite5m { get; init; }

    public long CacheWrite1h { get; init; }

    public long WebSearchRequests { get; init; }

    public string? ServiceTier { get; init; }

    public string? Speed { get; init; }

    public string? InferenceGeo { get; init; }

    public string? Cwd { get; init; }

    public string? Branch { get; init; }

    public string? Version { get; init; }

    public bool IsSidechain { get; init; }

    /// <summary>The legacy client-side <c>costUSD</c> (builds up to ~1.0.8).</summary>
    public decimal? CostUsd { get; init; }

    public long Total => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;

    /// <summary>
    /// True when this copy should replace <paramref name="other"/>: a main-thread copy beats a sidechain
    /// replay; otherwise more tokens win (streaming partials grow), then a copy that knows its speed.
    /// </summary>
    public bool IsFullerThan(ClaudeEntry other)
    {
        if (IsSidechain != other.IsSidechain)
        {
            return !IsSidechain;
        }

        return Total > other.Total || (Total == other.Total && Speed is not null && other.Speed is null);
    }
}
