using Receipts.Domain.Usage;

namespace Receipts.Domain.Reports;

/// <summary>
/// One group of a usage report. <see cref="Cost"/> sums the priced records only; when
/// <see cref="CostUnknown"/> is true the true cost is higher by the tokens of <see cref="UnpricedModels"/>.
/// </summary>
public sealed record UsageRow
{
    /// <summary>The group's key: a date, <c>2026-W48</c>, <c>2026-11</c>, a session id, a project, a branch or a model.</summary>
    public required string Key { get; init; }

    /// <summary>The project of the group (for sessions and branches: the project of its latest record).</summary>
    public string? Project { get; init; }

    /// <summary>The branch (for branch grouping).</summary>
    public string? Branch { get; init; }

    public required TokenCounts Tokens { get; init; }

    public long WebSearchRequests { get; init; }

    public long Requests { get; init; }

    public long Records { get; init; }

    public decimal Cost { get; init; }

    public bool CostUnknown { get; init; }

    public IReadOnlyList<string> UnpricedModels { get; init; } = [];

    /// <summary>Per-model breakdown, by model id.</summary>
    public IReadOnlyList<ModelUsage> Models { get; init; } = [];

    public DateTimeOffset FirstActivity { get; init; }

    public DateTimeOffset LastActivity { get; init; }
}
