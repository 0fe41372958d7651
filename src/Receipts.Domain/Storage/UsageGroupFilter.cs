namespace Receipts.Domain.Storage;

/// <summary>
/// Which usage records <see cref="IUsageStore.ReadUsageGroupsAsync"/> sums, and how finely it splits them in time.
/// Bounds are UTC instants; <c>Until</c> is exclusive.
/// </summary>
public sealed record UsageGroupFilter
{
    // Where ZoneOffsets stops looking for transitions when the period has no end.
    private static readonly DateTimeOffset NoUntil = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>
    /// The reporting zone: records are grouped by their local date in it (and their UTC date), so a group never
    /// straddles a local day or an ISO week. Null groups by UTC hour instead, which is as exact for every zone
    /// whose offset is whole hours. Default null.
    /// </summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>Records kept in groups of their own (a correction names them). Default none.</summary>
    public IReadOnlySet<string> Separate { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Every record in a group of its own, for the consumers that follow single records (the FOCUS export, per-request
    /// bills): slower, the same totals. Default false.
    /// </summary>
    public bool EachRecord { get; init; }

    /// <summary>
    /// Groups may mix sessions, repositories, branches, working folders and ticket ids, whose fields in a group are then
    /// null: fewer, larger groups for consumers that sum by time or model only. Ignored with branch or ticket splits. A
    /// store may still keep them apart. Default false.
    /// </summary>
    public bool MixContext { get; init; }

    /// <summary>Whether <see cref="MixContext"/> applies: asked for, and no splits need the branch or tickets.</summary>
    public bool MixesContext => MixContext && BranchSplits.Count == 0 && TicketSplits.Count == 0;

    /// <summary>
    /// Instants at which records on a branch are split: records before an instant never share a group with records
    /// at or after it. The CPVO pipeline splits at the merges and first commits of the changes on the branch, so every
    /// record of a group links to the same change. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> BranchSplits { get; init; } = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);

    /// <summary>The same for the records that carry a ticket id (any case); a record with several tickets is split at all of theirs. Default none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> TicketSplits { get; init; } = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The split instants of a record's tickets, distinct and in order.</summary>
    public IReadOnlyList<DateTimeOffset> SplitsOfTickets(IEnumerable<string> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var splits = new SortedSet<DateTimeOffset>();
        foreach (var t in tickets)
        {
            if (TicketSplits.TryGetValue(t, out var list))
            {
                splits.UnionWith(list);
            }
        }

        return [.. splits];
    }

    /// <summary>
    /// The zone's UTC offsets over the filter's period, as (from, offset) in time order: the first applies
    /// before the second's instant, and so on. Stores that cannot evaluate a zone add these offsets to the
    /// UTC instant to get the local date. Empty when <see cref="Zone"/> is null.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset From, TimeSpan Offset)> ZoneOffsets()
    {
        if (Zone is null)
        {
            return [];
        }

        // Transitions fall on whole quarter hours in every zone; stepping by 15 minutes finds each of them. Without a
        // bound the period runs from 1970 to 2200 (it once stopped 30 years after 1970, so later summers got winter's
        // offset); to keep that cheap, days whose two ends share an offset are skipped whole.
        var step = TimeSpan.FromMinutes(15);
        var start = (Since ?? DateTimeOffset.UnixEpoch).AddDays(-1);
        var end = (Until ?? NoUntil).AddDays(1);
        start = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
        var offsets = new List<(DateTimeOffset, TimeSpan)> { (DateTimeOffset.MinValue, Zone.GetUtcOffset(start)) };
        if (!Zone.SupportsDaylightSavingTime && Zone.GetAdjustmentRules().Length == 0)
        {
            return offsets;
        }

        for (var day = start; day < end; day = day.AddDays(1))
        {
            var next = day.AddDays(1);
            if (Zone.GetUtcOffset(next) == offsets[^1].Item2)
            {
                continue;
            }

            for (var t = day; t <= next && t < end; t += step)
            {
                var offset = Zone.GetUtcOffset(t);
                if (offset != offsets[^1].Item2)
                {
                    offsets.Add((t, offset));
                }
            }
        }

        return offsets;
    }
}
