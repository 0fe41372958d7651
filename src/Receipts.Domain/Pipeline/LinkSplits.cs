using Receipts.Domain.Metrics;

namespace Receipts.Domain.Pipeline;

/// <summary>
/// Where the store must split summed usage so that cost-per-change linking stays exact: a record links to the first
/// change on its branch (or of its tickets) merged at or after it whose first commit, less a day, is not after it
/// (<see cref="ChangeCostLinker"/>). That answer can only change at a merge instant or a first-commit-less-a-day
/// instant of such a change, so a group that straddles none of them links as one.
/// </summary>
internal static class LinkSplits
{
    // Stores keep microseconds: "after the merge" starts one microsecond after it.
    private static readonly TimeSpan AfterMerge = TimeSpan.FromTicks(10);

    /// <summary>The splits of the changes merged by <paramref name="asOf"/> (those verification sees), before verifying them.</summary>
    public static UsageSplits Of(IReadOnlyList<Outcomes.Change> changes, DateTimeOffset asOf, DateTimeOffset since, DateTimeOffset until) =>
        Of(
            changes.Where(c => c.MergedAt <= asOf).Select(c => new ChangeOutcome
            {
                Repo = c.Repo,
                Id = c.Id,
                MergedAt = c.MergedAt,
                HeadBranch = c.HeadBranch,
                Tickets = c.Tickets,
                FirstCommitAt = c.FirstCommitAt,
                Status = OutcomeStatus.Pending,
            }).ToList(),
            since,
            until);

    public static UsageSplits Of(IReadOnlyList<ChangeOutcome> changes, DateTimeOffset since, DateTimeOffset until)
    {
        var byBranch = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var byTicket = new Dictionary<string, List<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in changes)
        {
            Span<DateTimeOffset> instants = [c.MergedAt + AfterMerge, c.FirstCommitAt is { } first ? first - ChangeCostLinker.FirstActivitySlack : DateTimeOffset.MinValue];
            foreach (var at in instants)
            {
                // Only instants inside the period can split anything read.
                if (at <= since || at >= until)
                {
                    continue;
                }

                if (c.HeadBranch is { Length: > 0 } branch)
                {
                    Add(byBranch, branch, at);
                }

                foreach (var t in c.Tickets)
                {
                    Add(byTicket, t, at);
                }
            }
        }

        return new UsageSplits(
            byBranch.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<DateTimeOffset>)kv.Value, StringComparer.Ordinal),
            byTicket.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<DateTimeOffset>)kv.Value, StringComparer.OrdinalIgnoreCase));
    }

    private static void Add(Dictionary<string, List<DateTimeOffset>> map, string key, DateTimeOffset at)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(at);
    }
}
