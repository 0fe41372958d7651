using System.Globalization;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Names the likely driver of an excess: among the models, keys, people, workflows and tools of the
/// series, the one whose spend grew the most beyond its usual share of the series' growth; shown when it
/// carries at least half of the excess. "Beyond its share": a value that is all of the series (a project's
/// only key, a team's only tool) grows by the whole excess whatever caused it and names nothing, so each
/// value's growth is ranked after taking off its usual share of the series times the excess — the
/// developer whose day it was (a quarter of their team's spend, all of the excess) ranks above the key
/// they share with the team.
/// </summary>
internal static class DriverFinder
{
    private static readonly (string Name, Func<SpendItem, string?> Value)[] Drivers =
    [
        ("model", i => i.Model),
        ("key", i => i.ApiKey),
        ("person", i => i.Person),
        ("workflow", i => i.Workflow),
        ("tool", i => i.Tool),
    ];

    public static string? Find(
        IEnumerable<SpendItem> observed,
        IReadOnlyList<IEnumerable<SpendItem>> baselineDays,
        Func<SpendItem, bool> belongs,
        decimal excess,
        Dimension? own = null)
    {
        var ownName = own?.ToString().ToLowerInvariant();
        if (excess <= 0m)
        {
            return null;
        }

        var day = observed.Where(i => belongs(i) && i.Amount.HasValue).ToList();
        var baseline = baselineDays.Select(d => d.Where(i => belongs(i) && i.Amount.HasValue).ToList()).ToList();
        var baselineTotal = baseline.Sum(d => d.Sum(i => i.Amount!.Value));
        (string Label, decimal Growth, decimal Rank)? best = null;
        foreach (var (name, value) in Drivers.Where(d => d.Name != ownName))
        {
            foreach (var group in day.GroupBy(value).Where(g => g.Key is not null))
            {
                var now = group.Sum(i => i.Amount!.Value);
                var usual = baseline.Count == 0
                    ? 0m
                    : RobustStats.Median([.. baseline.Select(d => d.Where(i => value(i) == group.Key).Sum(i => i.Amount!.Value))]);
                var growth = now - usual;
                var share = baselineTotal == 0m ? 0m : baseline.Sum(d => d.Where(i => value(i) == group.Key).Sum(i => i.Amount!.Value)) / baselineTotal;
                var rank = growth - (share * excess);
                if (best is null || rank > best.Value.Rank)
                {
                    best = (string.Create(CultureInfo.InvariantCulture, $"{name} {group.Key} (+${growth:#,0.00} over a usual day)"), growth, rank);
                }
            }
        }

        return best is { } found && found.Growth >= excess / 2m && found.Rank > 0m ? found.Label : null;
    }
}
