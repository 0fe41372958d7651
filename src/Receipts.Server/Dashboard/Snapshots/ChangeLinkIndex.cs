using Receipts.Domain.Attribution;
using Receipts.Domain.Metrics;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>
/// Which change each spend item is linked to, by the rule of <see cref="ChangeCostLinker"/> (repo and head branch,
/// else a ticket; the earliest merge after the record; a day of slack before the first commit). The linker
/// reports dollars per change; the drill-down also needs the sessions behind them.
/// </summary>
internal sealed class ChangeLinkIndex
{
    private static readonly TimeSpan FirstActivitySlack = TimeSpan.FromDays(1);

    private readonly Dictionary<(string Repo, string Branch), List<ChangeOutcome>> _byBranch = [];
    private readonly Dictionary<string, List<ChangeOutcome>> _byTicket = new(StringComparer.OrdinalIgnoreCase);

    public ChangeLinkIndex(IEnumerable<ChangeOutcome> changes)
    {
        foreach (var c in changes.OrderBy(c => c.MergedAt))
        {
            if (c.HeadBranch is { Length: > 0 } branch)
            {
                Add(_byBranch, (AttributionDirectory.NormaliseRepo(c.Repo), branch), c);
            }

            foreach (var t in c.Tickets)
            {
                Add(_byTicket, t, c);
            }
        }
    }

    /// <summary>The change <paramref name="item"/> is linked to, or null.</summary>
    public ChangeOutcome? ChangeOf(SpendItem item)
    {
        if (item.Repo is not null && item.Branch is { Length: > 0 } b
            && _byBranch.TryGetValue((AttributionDirectory.NormaliseRepo(item.Repo), b), out var onBranch)
            && FirstMergedAfter(onBranch, item.At) is { } byBranch)
        {
            return byBranch;
        }

        foreach (var t in item.Tickets)
        {
            if (_byTicket.TryGetValue(t, out var withTicket) && FirstMergedAfter(withTicket, item.At) is { } c)
            {
                return c;
            }
        }

        return null;
    }

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
