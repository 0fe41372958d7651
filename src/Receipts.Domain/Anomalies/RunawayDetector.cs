using System.Globalization;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// Runaway burn: an hour whose spend is far above the identity's (person's, else key's) normal active hour
/// over the baseline — ten times its median hour and three times its 95th-percentile hour by default, so a
/// developer's ordinary heavy afternoon stays quiet and an agent stuck in a loop does not. Fed by the
/// collector's live stream (the current hour so far) or by a day's history.
/// </summary>
public static class RunawayDetector
{
    /// <summary>Checks the UTC hour starting at <paramref name="hour"/> for every identity with spend in it.</summary>
    public static IReadOnlyList<Anomaly> Detect(SpendHistory history, DateTimeOffset hour, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        hour = SpendHistory.HourOf(hour);
        var anomalies = new List<Anomaly>();
        foreach (var identity in history.HourlyIdentities.OrderBy(s => s.Dimension).ThenBy(s => s.Value, StringComparer.Ordinal))
        {
            var hours = history.Hourly(identity);
            var observed = hours.GetValueOrDefault(hour);

            // Cheap filter first: most hours are nowhere near the floor.
            if (observed < options.RunawayMinExcess)
            {
                continue;
            }

            var from = hour.AddDays(-options.BaselineDays);
            var active = hours.Where(h => h.Key >= from && h.Key < hour && h.Value > 0m).Select(h => h.Value).ToList();
            if (active.Count < options.RunawayMinActiveHours)
            {
                continue;
            }

            var median = RobustStats.Median(active);
            var p95 = RobustStats.Quantile(active, 0.95m);
            if (observed < median * options.RunawayMedianFactor
                || observed < p95 * options.RunawayP95Factor
                || observed - median < options.RunawayMinExcess)
            {
                continue;
            }

            var since = hour;
            for (var back = hour.AddHours(-1); back >= hour.AddHours(-24) && hours.GetValueOrDefault(back) >= p95 * options.RunawayP95Factor; back = back.AddHours(-1))
            {
                since = back;
            }

            var ratio = median == 0m ? 0m : observed / median;
            var items = history.ItemsOn(Forecasts.DecimalMath.LocalDate(hour, history.Zone))
                .Concat(history.ItemsOn(Forecasts.DecimalMath.LocalDate(hour.AddMinutes(59), history.Zone)))
                .Distinct()
                .Where(i => SpendHistory.HourOf(i.At) == hour && identity.Matches(i) && i.Amount.HasValue)
                .ToList();
            anomalies.Add(new Anomaly
            {
                Kind = AnomalyKind.Runaway,
                Subject = identity.Label,
                At = hour,
                Since = since,
                Observed = observed,
                Baseline = median,
                Score = decimal.Round(ratio, 1),
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"${observed:#,0.00} in the hour from {hour.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {ratio:0}× its median active hour (${median:#,0.00}; 95th percentile ${p95:#,0.00})"),
                Driver = Driver(items, identity),
                Key = string.Create(CultureInfo.InvariantCulture, $"runaway:{DailyDetector.Key(identity)}:{since.UtcDateTime:yyyy-MM-ddTHH}"),
            });
        }

        return anomalies;
    }

    private static string? Driver(List<SpendItem> items, Series identity)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var total = items.Sum(i => i.Amount!.Value);
        var parts = new List<string>();
        var model = items.GroupBy(i => i.Model, StringComparer.Ordinal).OrderByDescending(g => g.Sum(i => i.Amount!.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"model {model.Key} ({model.Sum(i => i.Amount!.Value) / total * 100m:0}% of it)"));
        if (identity.Dimension != Dimension.Person && items.Where(i => i.Person is not null).GroupBy(i => i.Person!).OrderByDescending(g => g.Sum(i => i.Amount!.Value)).FirstOrDefault() is { } person)
        {
            parts.Add("person " + person.Key);
        }

        if (identity.Dimension != Dimension.Key && items.Where(i => i.ApiKey is not null).GroupBy(i => i.ApiKey!).OrderByDescending(g => g.Sum(i => i.Amount!.Value)).FirstOrDefault() is { } key)
        {
            parts.Add("key " + key.Key);
        }

        if (items.Where(i => i.SessionId is not null).GroupBy(i => i.SessionId!).OrderByDescending(g => g.Sum(i => i.Amount!.Value)).FirstOrDefault() is { } session)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"session {session.Key} ({session.Count():#,0} calls)"));
        }

        return string.Join(", ", parts);
    }
}
