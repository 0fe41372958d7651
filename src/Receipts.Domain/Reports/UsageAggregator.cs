using System.Globalization;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Reports;

/// <summary>
/// Folds usage records into a <see cref="UsageReport"/>: one pass, prices looked up once per model
/// string, group keys computed without allocating for records that share the previous record's
/// group (records arrive in time order, so most do). Days, weeks and months are taken in
/// <see cref="Zone"/>; weeks are ISO weeks (Monday first, <c>2026-W48</c>).
/// </summary>
public sealed class UsageAggregator
{
    private const string NoSession = "(no session)";
    private const string NoProject = "(unknown)";
    private const string NoBranch = "(no branch)";

    // Every time zone in use today is offset from UTC by a multiple of 15 minutes, so all instants in
    // one UTC quarter hour fall on the same local date.
    private static readonly long QuarterHour = TimeSpan.FromMinutes(15).Ticks;

    private readonly Pricer _pricer;
    private readonly Dictionary<string, UsageBucket> _buckets = new(StringComparer.Ordinal);

    private long _lastSlot = long.MinValue;
    private string? _lastTimeKey;
    private string? _lastProject;
    private string? _lastBranch;
    private string? _lastBranchKey;

    public UsageAggregator(UsageGrouping grouping, TimeZoneInfo zone, Pricer pricer)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(pricer);
        Grouping = grouping;
        Zone = zone;
        _pricer = pricer;
    }

    public UsageGrouping Grouping { get; }

    public TimeZoneInfo Zone { get; }

    public void Add(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        BucketOf(record).Add(record, _pricer.Price(record).Cost, trackModels: true);
    }

    /// <summary>
    /// Adds a group of records the store summed (<see cref="IUsageStore.ReadUsageGroupsAsync"/>) with the zone of this
    /// report, priced as each of its records would be: the store never mixes records across the long-context threshold,
    /// a given cost, a tier, speed or geo, so pricing the sums gives the sum of the prices to the last digit (decimal).
    /// Every grouping but <see cref="UsageGrouping.Session"/> gets the same report from groups as from records: a
    /// session's project is its latest record's, which groups cannot name when two records share an instant.
    /// </summary>
    public void Add(UsageGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var totals = group.Totals;
        BucketOf(totals).Add(totals, PriceOf(group), group.Records, totals.At, group.LastAt, trackModels: true);
    }

    public async Task<UsageReport> AddAllAsync(IAsyncEnumerable<UsageGroup> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        await foreach (var group in groups.WithCancellation(cancellationToken))
        {
            Add(group);
        }

        return Build();
    }

    private decimal? PriceOf(UsageGroup group)
    {
        var r = group.Totals;
        if (r.Cost is not null || (r.Tokens.Total == 0 && r.WebSearchRequests == 0) || _pricer.Lookup(r.Model) is not { } price)
        {
            return _pricer.Price(r).Cost;
        }

        return Pricer.Compute(price, r.Tokens, Pricer.ParseTier(r.ServiceTier), group.LongContext, r.Speed, r.InferenceGeo, r.WebSearchRequests);
    }

    private UsageBucket BucketOf(UsageRecord record)
    {
        var key = KeyOf(record);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new UsageBucket(key);
            if (Grouping == UsageGrouping.Branch)
            {
                bucket.Branch = record.Branch ?? NoBranch;
            }

            _buckets[key] = bucket;
        }

        return bucket;
    }

    public async Task<UsageReport> AddAllAsync(IAsyncEnumerable<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            Add(record);
        }

        return Build();
    }

    public UsageReport Build()
    {
        var totals = new UsageBucket("total");
        foreach (var bucket in _buckets.Values)
        {
            totals.Merge(bucket);
        }

        IEnumerable<UsageBucket> ordered = Grouping switch
        {
            UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month => _buckets.Values.OrderBy(b => b.Key, StringComparer.Ordinal),
            UsageGrouping.Session => _buckets.Values.OrderBy(b => b.Last).ThenBy(b => b.Key, StringComparer.Ordinal),
            _ => _buckets.Values.OrderByDescending(b => b.Cost).ThenBy(b => b.Key, StringComparer.Ordinal),
        };

        var totalRow = totals.ToRow() with { Project = null, Branch = null };
        return new UsageReport(Grouping, Zone, [.. ordered.Select(b => b.ToRow())], totalRow, totalRow.UnpricedModels);
    }

    private string KeyOf(UsageRecord record) => Grouping switch
    {
        UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month => TimeKey(record.At),
        UsageGrouping.Session => record.SessionId ?? NoSession,
        UsageGrouping.Project => record.Repo ?? record.Cwd ?? NoProject,
        UsageGrouping.Branch => BranchKey(record.Repo ?? record.Cwd ?? NoProject, record.Branch ?? NoBranch),
        UsageGrouping.Model => record.Model,
        _ => throw new InvalidOperationException($"Unknown grouping {Grouping}."),
    };

    private string TimeKey(DateTimeOffset at)
    {
        var slot = at.UtcTicks / QuarterHour;
        if (slot == _lastSlot && _lastTimeKey is not null)
        {
            return _lastTimeKey;
        }

        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
        _lastSlot = slot;
        _lastTimeKey = FormatPeriod(local, Grouping);
        return _lastTimeKey;
    }

    private string BranchKey(string project, string branch)
    {
        if (_lastBranchKey is not null && string.Equals(project, _lastProject, StringComparison.Ordinal) && string.Equals(branch, _lastBranch, StringComparison.Ordinal))
        {
            return _lastBranchKey;
        }

        _lastProject = project;
        _lastBranch = branch;
        _lastBranchKey = project + " @ " + branch;
        return _lastBranchKey;
    }

    /// <summary>The key of the day, ISO week or month that <paramref name="date"/> falls in.</summary>
    public static string FormatPeriod(DateOnly date, UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.Day => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        UsageGrouping.Week => string.Create(
            CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}"),
        UsageGrouping.Month => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Not a time grouping."),
    };
}
