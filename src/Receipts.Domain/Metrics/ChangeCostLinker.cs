namespace Receipts.Domain.Metrics;

/// <summary>
/// Links spend to the change it built: records in the change's repo on its head branch, or carrying one
/// of its tickets, between the branch's first activity and the merge. A record links to one change at
/// most — the earliest merge after it — so no dollar is counted for two changes. Unlinked spend stays
/// project spend.
/// </summary>
public static class ChangeCostLinker
{
    /// <returns>For each change (by <c>repo + id</c>), the linked dollars and record count; plus the linked record ids.</returns>
    public static ChangeCostLinks Link(IReadOnlyList<ChangeOutcome> changes, IEnumerable<SpendItem> spend)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(spend);

        // Candidate changes by (repo, branch) and by ticket, each list ordered by merge time.
        var byBranch = new Dictionary<(string Repo, string Branch), List<ChangeOutcome>>();
        var byTicket = new Dictionary<string, List<ChangeOutcome>>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in changes.OrderBy(c => c.MergedAt))
        {
            if (c.HeadBranch is { Length: > 0 } branch)
            {
                Add(byBranch, (Normalise(c.Repo), branch), c);
            }

            foreach (var t in c.Tickets)
            {
                Add(byTicket, t, c);
            }
        }

        var costs = new Dictionary<string, (decimal Amount, int Records)>(StringComparer.Ordinal);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in spend)
        {
            ChangeOutcome? target = null;
            if (s.Repo is not null && s.Branch is { Length: > 0 } b && byBranch.TryGetValue((Normalise(s.Repo), b), out var onBranch))
            {
                target = FirstMergedAfter(onBranch, s.At);
            }

            if (target is null)
            {
                foreach (var t in s.Tickets)
                {
                    if (byTicket.TryGetValue(t, out var withTicket) && FirstMergedAfter(withTicket, s.At) is { } c)
                    {
                        target = c;
                        break;
                    }
                }
            }

            if (target is null)
            {
                continue;
            }

            var key = Key(target);
            var current = costs.GetValueOrDefault(key);
            costs[key] = (current.Amount + (s.Amount ?? 0m), current.Records + 1);
            linked.Add(s.RecordId);
        }

        return new ChangeCostLinks(costs, linked);
    }

    public static string Key(ChangeOutcome change) => Normalise(change.Repo) + "\n" + change.Id;

    private static ChangeOutcome? FirstMergedAfter(List<ChangeOutcome> ordered, DateTimeOffset at)
    {
        foreach (var c in ordered)
        {
            if (c.MergedAt >= at && (c.FirstCommitAt is not { } first || at >= first - FirstActivitySlack))
            {
                return c;
            }
        }

        return null;
    }

    // Agents often work before the first commit is made; a day of slack before it still counts.
    internal static readonly TimeSpan FirstActivitySlack = TimeSpan.FromDays(1);

    private static string Normalise(string repo) => Attribution.AttributionDirectory.NormaliseRepo(repo);

    private static void Add<TKey>(Dictionary<TKey, List<ChangeOutcome>> index, TKey key, ChangeOutcome c)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(c);
    }
}
