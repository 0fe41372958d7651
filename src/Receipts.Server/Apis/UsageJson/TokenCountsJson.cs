namespace Receipts.Server.Apis.UsageJson;

/// <summary>Tokens by kind in Anthropic's semantics: <c>input</c> is uncached input only.</summary>
internal sealed class TokenCountsJson
{
    public long? Input { get; set; }

    public long? Output { get; set; }

    public long? CacheRead { get; set; }

    public long? CacheWrite5m { get; set; }

    public long? CacheWrite1h { get; set; }
}
