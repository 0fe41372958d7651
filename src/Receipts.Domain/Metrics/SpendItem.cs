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

    public TokenCounts Tokens { get; init; }

    /// <summary>Dollars; null when unknown (unpriced model, no billing).</summary>
    public decimal? Amount { get; init; }

    /// <summary>True when <see cref="Amount"/> is a share of a bill, false when it is a price-book estimate.</summary>
    public bool Billed { get; init; }
}
