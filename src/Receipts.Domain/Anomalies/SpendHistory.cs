using Receipts.Domain.Forecasts;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Spend indexed once for the checks: daily dollars per series, daily dollars and calls per workflow,
/// hourly dollars per person and key, and the items of each day (to name drivers). Items without an
/// amount (unpriced) are left out of the dollars. Build it once and check many days.
/// </summary>
public sealed class SpendHistory
{
    private readonly Dictionary<DateOnly, List<SpendItem>> _byDay = [];
    private readonly Dictionary<Series, Dictionary<DateOnly, decimal>> _daily = [];
    private readonly Dictionary<Series, DateOnly> _firstDay = [];
    private readonly Dictionary<string, Dictionary<DateOnly, (decimal Amount, long Requests)>> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<Series, Dictionary<DateTimeOffset, decimal>> _hourly = [];

    public SpendHistory(IEnumerable<SpendItem> items, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
        foreach (var item in items)
        {
            var day = DecimalMath.LocalDate(item.At, zone);
            if (!_byDay.TryGetValue(day, out var list))
            {
                _byDay[day] = list = [];
            }

            list.Add(item);
            if (item.Amount is not { } amount)
            {
                continue;
            }

            foreach (var dimension in Series.All)
            {
                if (Series.ValueOf(dimension, item) is not { } value)
                {
                    continue;
                }

                var series = new Series(dimension, value);
                if (!_daily.TryGetValue(series, out var days))
                {
                    _daily[series] = days = [];
                }

                days[day] = days.GetValueOrDefault(day) + amount;
                if (!_firstDay.TryGetValue(series, out var first) || day < first)
                {
                    _firstDay[series] = day;
                }
            }

            if (item.Workflow is { } workflow)
            {
                if (!_workflows.TryGetValue(workflow, out var days))
                {
                    _workflows[workflow] = days = [];
                }

                var (sum, requests) = days.GetValueOrDefault(day);
                days[day] = (sum + amount, requests + item.Requests);
            }

            var hour = HourOf(item.At);
            foreach (var identity in Identities(item))
            {
                if (!_hourly.TryGetValue(identity, out var hours))
                {
                    _hourly[identity] = hours = [];
                }

                hours[hour] = hours.GetValueOrDefault(hour) + amount;
            }
        }
    }

    public TimeZoneInfo Zone { get; }

    public IEnumerable<Series> AllSeries => _daily.Keys;

    public IEnumerable<string> Workflows => _workflows.Keys;

    public IEnumerable<Series> HourlyIdentities => _hourly.Keys;

    /// <summary>The last local day with any item, when any.</summary>
    public DateOnly? LastDay => _byDay.Count == 0 ? null : _byDay.Keys.Max();

    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The identities runaways are watched for: the person, else the key.</summary>
    internal static IEnumerable<Series> Identities(SpendItem item)
    {
        if (item.Person is { } person)
        {
            yield return new Series(Dimension.Person, person);
        }

        if (item.ApiKey is { } key)
        {
            yield return new Series(Dimension.Key, key);
        }
    }

    internal decimal Daily(Series series, DateOnly day) =>
        _daily.TryGetValue(series, out var days) ? days.GetValueOrDefault(day) : 0m;

    internal DateOnly FirstDay(Series series) => _firstDay[series];

    internal (decimal Amount, long Requests) Workflow(string workflow, DateOnly day) =>
        _workflows.TryGetValue(workflow, out var days) ? days.GetValueOrDefault(day) : default;

    internal IReadOnlyDictionary<DateTimeOffset, decimal> Hourly(Series identity) =>
        _hourly.TryGetValue(identity, out var hours) ? hours : new Dictionary<DateTimeOffset, decimal>();

    internal IReadOnlyList<SpendItem> ItemsOn(DateOnly day) =>
        _byDay.TryGetValue(day, out var items) ? items : [];

    internal DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
