namespace Receipts.Domain.Usage;

/// <summary>
/// One priced unit of consumption as a source observed it: a fact, stored as seen.
/// Never carries prompt, response or source content (invariant 4): only counts, ids, model,
/// repo, branch, path and extracted ticket ids.
/// </summary>
public sealed record UsageRecord
{
    /// <summary>Stable identity for idempotency: the same request seen again gets the same id.</summary>
    public required string Id { get; init; }

    /// <summary>The kind of source: <c>claude-code</c>, <c>codex</c>, <c>otel</c>, <c>hook</c>, <c>litellm</c>…</summary>
    public required string SourceKind { get; init; }

    /// <summary>Which instance of the source (a file path, a host, a key); optional.</summary>
    public string? SourceName { get; init; }

    /// <summary>When the request happened, in UTC.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>anthropic</c>, <c>openai</c>, …</summary>
    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary><c>standard</c>, <c>priority</c>, <c>batch</c>, <c>flex</c>; null when the source does not say.</summary>
    public string? ServiceTier { get; init; }

    /// <summary><c>fast</c> for Anthropic fast mode; null otherwise.</summary>
    public string? Speed { get; init; }

    /// <summary>Anthropic <c>inference_geo</c> (<c>us</c> carries a price multiplier on newer models).</summary>
    public string? InferenceGeo { get; init; }

    public required TokenCounts Tokens { get; init; }

    public long WebSearchRequests { get; init; }

    public long Requests { get; init; } = 1;

    /// <summary>A cost the source itself gave (billed, or a legacy client-side estimate); null when it must be priced.</summary>
    public decimal? Cost { get; init; }

    /// <summary>What <see cref="Cost"/> is, when present.</summary>
    public CostBasis CostBasis { get; init; } = CostBasis.Estimated;

    public string Currency { get; init; } = "USD";

    /// <summary>The provider's response id (Anthropic <c>msg_…</c>), when known.</summary>
    public string? MessageId { get; init; }

    /// <summary>The provider's request id (Anthropic <c>req_…</c>): the key that joins one request seen by several sources.</summary>
    public string? RequestId { get; init; }

    /// <summary>A subagent or sidechain request.</summary>
    public bool IsSidechain { get; init; }

    // Identity
    public string? ApiKeyId { get; init; }

    public string? ApiKeyAlias { get; init; }

    public string? Workspace { get; init; }

    public string? Person { get; init; }

    public string? Account { get; init; }

    public string? MachineUser { get; init; }

    public string? SessionId { get; init; }

    /// <summary><c>claude-code</c>, <c>codex</c>, <c>cursor</c>, …</summary>
    public string? Tool { get; init; }

    public string? ToolVersion { get; init; }

    // Context
    /// <summary>Normalised repository (<c>github.com/acme/payments</c>), else the working directory.</summary>
    public string? Repo { get; init; }

    public string? Branch { get; init; }

    public string? Cwd { get; init; }

    public IReadOnlyList<string> TicketIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
