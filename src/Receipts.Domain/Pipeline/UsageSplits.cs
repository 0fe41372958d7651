namespace Receipts.Domain.Pipeline;

/// <summary>Split instants per branch and per ticket id (see <see cref="Storage.UsageGroupFilter.BranchSplits"/>).</summary>
internal sealed record UsageSplits(
    IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> ByBranch,
    IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> ByTicket);
