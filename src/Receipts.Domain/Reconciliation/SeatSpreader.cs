namespace Receipts.Domain.Reconciliation;

/// <summary>
/// Spreads each seat's monthly cost over its person's projects in proportion to their list-priced
/// usage that month, in cents by largest remainder; a month with no usage is an idle seat. A seat that
/// starts or ends mid-month is charged for the days it covers.
/// </summary>
public static class SeatSpreader
{
    /// <param name="usage">List-priced usage by (person, year, month, project); project null = unattributed.</param>
    public static IReadOnlyList<SeatAllocation> Spread(
        IEnumerable<SeatCost> seats,
        IReadOnlyDictionary<(string Person, int Year, int Month), IReadOnlyDictionary<string, decimal>> usage,
        DateOnly from,
        DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(seats);
        ArgumentNullException.ThrowIfNull(usage);
        var result = new List<SeatAllocation>();
        foreach (var seat in seats)
        {
            for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            {
                var monthEnd = month.AddMonths(1).AddDays(-1);
                var start = seat.From > month ? seat.From : month;
                var end = seat.To is { } t && t < monthEnd ? t : monthEnd;
                if (start > end)
                {
                    continue;
                }

                var days = end.DayNumber - start.DayNumber + 1;
                var daysInMonth = monthEnd.Day;
                var cents = Money.ToCents(seat.MonthlyCost * days / daysInMonth);
                var byProject = usage.GetValueOrDefault((seat.Person, month.Year, month.Month));
                var projects = byProject?.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList() ?? [];
                if (projects.Count == 0)
                {
                    result.Add(new SeatAllocation(seat, month.Year, month.Month, null, cents / 100m, Idle: true));
                    continue;
                }

                var parts = LargestRemainder.Allocate(cents, projects.Select(p => p.Value).ToArray());
                for (var i = 0; i < projects.Count; i++)
                {
                    var project = projects[i].Key.Length == 0 ? null : projects[i].Key;
                    result.Add(new SeatAllocation(seat, month.Year, month.Month, project, parts[i] / 100m, Idle: false));
                }
            }
        }

        return result;
    }
}
