using Receipts.Domain.Usage;

namespace Receipts.Domain.Metrics;

/// <summary>One group (team or project) in one ISO week.</summary>
public sealed record CpvoRow
{
    public required string Week { get; init; }

    /// <summary>The team or project; <c>(unattributed)</c> for spend no rule placed.</summary>
    public required string Group { get; init; }

    public string? Band { get; init; }

    public decimal Spend { get; init; }

    public TokenCounts Tokens { get; init; }

    public int Attempted { get; init; }

    public int Verified { get; init; }

    public int Pending { get; init; }

    public int Disqualified { get; init; }

    /// <summary>Disqualified changes by reason (<c>revert</c>, <c>hotfix</c>, <c>reopen</c>); a change with two reasons counts under both.</summary>
    public IReadOnlyDictionary<string, int> DisqualifiedBy { get; init; } = new Dictionary<string, int>();

    /// <summary>verified / attempted; null with no attempts.</summary>
    public decimal? VerifiedShare => Attempted == 0 ? null : (decimal)Verified / Attempted;

    /// <summary>spend / verified; null with no verified outcome.</summary>
    public decimal? Cpvo => Verified == 0 ? null : Spend / Verified;

    public required Distribution CostPerChange { get; init; }

    /// <summary>Share of the spend linked to a change; null with no spend.</summary>
    public decimal? LinkedShare { get; init; }

    /// <summary>Share of the spend that is price-book estimate rather than billed; null with no spend.</summary>
    public decimal? EstimatedShare { get; init; }

    /// <summary>Dollars of records whose model has no price (not in <see cref="Spend"/>).</summary>
    public long UnpricedRecords { get; init; }
}
