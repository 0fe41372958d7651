using System.Globalization;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Runaway burn as it happens, for the collector's live stream: hourly spend per identity (person, and key), a
/// baseline per identity from the store at start and then rolling, and a check of the hour each new item lands
/// in. The test is <see cref="RunawayDetector"/>'s: the hour is at least <see cref="AnomalyOptions.RunawayMedianFactor"/>
/// times the identity's median active hour of the last <see cref="AnomalyOptions.BaselineDays"/> days, at least
/// <see cref="AnomalyOptions.RunawayP95Factor"/> times its 95th-percentile hour and <see cref="AnomalyOptions.RunawayMinExcess"/>
/// dollars above the median; alert keys are the same, so the scheduled check does not raise a live runaway again.
/// Not thread-safe: one consumer feeds it. An item seen twice (same record id within two days) counts once.
/// </summary>
public sealed class LiveRunawayDetector(AnomalyOptions options)
{
    private readonly Dictionary<Series, Dictionary<DateTimeOffset, decimal>> _hours = [];
    private readonly Dictionary<(Series Identity, DateTimeOffset Hour), (decimal Median, decimal P95, int Active)> _baselines = [];
    private readonly Dictionary<(Series Identity, DateTimeOffset Hour), Dictionary<string, decimal>> _drivers = [];
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    /// <summary>Identities with any hour held.</summary>
    public int Identities => _hours.Count;

    /// <summary>Adds an item of history without checking it (the baseline read from the store at start).</summary>
    public void Seed(SpendItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Record(item);
    }

    /// <summary>Adds a live item and checks the hour it falls in for each of its identities.</summary>
    public IReadOnlyList<Anomaly> Add(SpendItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Record(item))
        {
            return [];
        }

        var hour = SpendHistory.HourOf(item.At);
        List<Anomaly>? found = null;
        foreach (var identity in SpendHistory.Identities(item))
        {
            if (Check(identity, hour) is { } anomaly && _raised.Add(anomaly.Key))
            {
                (found ??= []).Add(anomaly);
            }
        }

        Prune(hour);
        return found ?? (IReadOnlyList<Anomaly>)[];
    }

    private bool Record(SpendItem item)
    {
        if (item.Amount is not { } amount || !_seen.TryAdd(item.RecordId, item.At))
        {
            return false;
        }

        var hour = SpendHistory.HourOf(item.At);
        foreach (var identity in SpendHistory.Identities(item))
        {
            if (!_hours.TryGetValue(identity, out var hours))
            {
                _hours[identity] = hours = [];
            }

            hours[hour] = hours.GetValueOrDefault(hour) + amount;
            if (!_drivers.TryGetValue((identity, hour), out var drivers))
            {
                _drivers[(identity, hour)] = drivers = new Dictionary<string, decimal>(StringComparer.Ordinal);
            }

            Add(drivers, "model " + item.Model, amount);
            if (item.SessionId is { } session)
            {
                Add(drivers, "session " + session, amount);
            }

            if (identity.Dimension == Dimension.Key && item.Person is { } person)
            {
                Add(drivers, "person " + person, amount);
            }
        }

        return true;
    }

    private Anomaly? Check(Series identity, DateTimeOffset hour)
    {
        var hours = _hours[identity];
        var observed = hours.GetValueOrDefault(hour);
        if (observed < options.RunawayMinExcess)
        {
            return null;
        }

        // The baseline of an hour does not change while the hour runs (only earlier hours count): computed once.
        if (!_baselines.TryGetValue((identity, hour), out var baseline))
        {
            var from = hour.AddDays(-options.BaselineDays);
            var active = hours.Where(h => h.Key >= from && h.Key < hour && h.Value > 0m).Select(h => h.Value).ToList();
            baseline = active.Count == 0 ? (0m, 0m, 0) : (RobustStats.Median(active), RobustStats.Quantile(active, 0.95m), active.Count);
            _baselines[(identity, hour)] = baseline;
        }

        var (median, p95, count) = baseline;
        if (count < options.RunawayMinActiveHours
            || observed < median * options.RunawayMedianFactor
            || observed < p95 * options.RunawayP95Factor
            || observed - median < options.RunawayMinExcess)
        {
            return null;
        }

        var since = hour;
        for (var back = hour.AddHours(-1); back >= hour.AddHours(-24) && hours.GetValueOrDefault(back) >= p95 * options.RunawayP95Factor; back = back.AddHours(-1))
        {
            since = back;
        }

        var ratio = median == 0m ? 0m : observed / median;
        return new Anomaly
        {
            Kind = AnomalyKind.Runaway,
            Subject = identity.Label,
            At = hour,
            Since = since,
            Observed = observed,
            Baseline = median,
            Score = decimal.Round(ratio, 1),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"${observed:#,0.00} so far in the hour from {hour.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {ratio:0}× its median active hour (${median:#,0.00}; 95th percentile ${p95:#,0.00})"),
            Driver = Driver(identity, hour, observed),
            Key = string.Create(CultureInfo.InvariantCulture, $"runaway:{DailyDetector.Key(identity)}:{since.UtcDateTime:yyyy-MM-ddTHH}"),
        };
    }

    private string? Driver(Series identity, DateTimeOffset hour, decimal total)
    {
        if (!_drivers.TryGetValue((identity, hour), out var drivers) || total <= 0m)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var prefix in new[] { "model ", "person ", "session " })
        {
            var top = drivers.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault();
            if (top.Key is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{top.Key} ({top.Value / total * 100m:0}% of it)"));
            }
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>Once an hour: forget hours past the baseline, baselines and drivers of past hours, ids older than two days.</summary>
    private void Prune(DateTimeOffset hour)
    {
        if (hour <= _pruned)
        {
            return;
        }

        _pruned = hour;
        var horizon = hour.AddDays(-options.BaselineDays - 1);
        foreach (var hours in _hours.Values)
        {
            foreach (var old in hours.Keys.Where(h => h < horizon).ToList())
            {
                hours.Remove(old);
            }
        }

        foreach (var key in _baselines.Keys.Where(k => k.Hour < hour.AddHours(-1)).ToList())
        {
            _baselines.Remove(key);
        }

        foreach (var key in _drivers.Keys.Where(k => k.Hour < hour.AddHours(-24)).ToList())
        {
            _drivers.Remove(key);
        }

        foreach (var id in _seen.Where(s => s.Value < hour.AddDays(-2)).Select(s => s.Key).ToList())
        {
            _seen.Remove(id);
        }
    }

    private static void Add(Dictionary<string, decimal> drivers, string key, decimal amount) => drivers[key] = drivers.GetValueOrDefault(key) + amount;
}
