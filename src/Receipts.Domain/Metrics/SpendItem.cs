using Receipts.Domain.Usage;

namespace Receipts.Domain.Metrics;

/// <summary>
/// One usage record after attribution and reconciliation: the dollars it carries (billed share or
/// estimate; null when its model has no price and no bill covers it) and where they went.
/// </summary>
public sealed record SpendItem
{
    public required string RecordId { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? Project { get; init; }

    public string? Team { get; init; }

    public required string Model { get; init; }

    public string? Tool { get; init; }

    public string? Person { get; init; }

    public string? Repo { get; init; }

    public string? Branch { get; init; }

    public IReadOnlyList<string> Tickets { get; init; } = [];

    /// <summary>The API key alias (else id) the request used, when known.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The <c>workflow</c> tag (a feature or pipeline of a production service), when set.</summary>
    public string? Workflow { get; init; }

    /// <summary>The <c>env</c> tag (<c>prod</c>, <c>dev</c>, <c>test</c>…), when set.</summary>
    public string? Env { get; init; }

    public string? SessionId { get; init; }

    public string? Provider { get; init; }

    /// <summary>Usage records this item sums (1 for one record; the pipeline sums records it cannot tell apart).</summary>
    public long Records { get; init; } = 1;

    /// <summary>Requests this item stands for (1 for one request).</summary>
    public long Requests { get; init; } = 1;

    public TokenCounts Tokens { get; init; }

    /// <summary>Dollars; null when unknown (unpriced model, no billing).</summary>
    public decimal? Amount { get; init; }

    /// <summary>True when <see cref="Amount"/> is a share of a bill, false when it is a price-book estimate.</summary>
    public bool Billed { get; init; }
}
