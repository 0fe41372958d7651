namespace Receipts.Domain.Metrics;

/// <summary>What <see cref="ChangeCostLinker"/> found: dollars per change key, and which records were linked.</summary>
public sealed record ChangeCostLinks(
    IReadOnlyDictionary<string, (decimal Amount, int Records)> ByChange,
    IReadOnlySet<string> LinkedRecords)
{
    public decimal? CostOf(ChangeOutcome change) =>
        ByChange.TryGetValue(ChangeCostLinker.Key(change), out var c) ? c.Amount : null;
}
