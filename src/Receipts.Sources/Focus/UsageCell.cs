using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>Usage records summed over one export row: UTC day, provider, billing identity, model, tier, tool.</summary>
public sealed record UsageCell
{
    public required DateOnly Day { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public string? ServiceTier { get; init; }

    public string? Tool { get; init; }

    /// <summary>Workspace or project, when known (FOCUS <c>SubAccountId</c>).</summary>
    public string? Workspace { get; init; }

    public string? ApiKeyId { get; init; }

    public string? ApiKeyAlias { get; init; }

    public TokenCounts Tokens { get; init; }

    public long Requests { get; init; }

    /// <summary>Sum of the records' costs; zero when none was priced.</summary>
    public decimal Cost { get; init; }

    /// <summary>Billed when every priced record was billed, estimated when any was estimated, unknown when none was priced.</summary>
    public CostBasis Basis { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>A subscription seat's day (a recurring purchase, not tokens).</summary>
    public bool Seat { get; init; }

    /// <summary>Where the cell's dollars went; the exporter splits cells so that each has one.</summary>
    public FocusAttribution Attribution { get; init; } = FocusAttribution.Unattributed;

    /// <summary>The records summed (any of them can carry attribution context).</summary>
    public IReadOnlyList<UsageRecord> Records { get; init; } = [];
}
