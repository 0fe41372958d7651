using System.Globalization;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Names the likely driver of an excess: among the models, keys, people, workflows and tools of the
/// series, the one whose spend grew the most over its usual day; shown when it carries at least
/// half of the excess.
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
        (string Label, decimal Growth)? best = null;
        foreach (var (name, value) in Drivers.Where(d => d.Name != ownName))
        {
            foreach (var group in day.GroupBy(value).Where(g => g.Key is not null))
            {
                var now = group.Sum(i => i.Amount!.Value);
                var usual = baseline.Count == 0
                    ? 0m
                    : RobustStats.Median([.. baseline.Select(d => d.Where(i => value(i) == group.Key).Sum(i => i.Amount!.Value))]);
                var growth = now - usual;
                if (best is null || growth > best.Value.Growth)
                {
                    best = (string.Create(CultureInfo.InvariantCulture, $"{name} {group.Key} (+${growth:#,0.00} over a usual day)"), growth);
                }
            }
        }

        return best is { } found && found.Growth >= excess / 2m ? found.Label : null;
    }
}
