using Receipts.Domain.Anomalies;

namespace Receipts.Bench.Anomalies;

/// <summary>
/// Replays a synthetic run the way a daily <c>receipts alerts check</c> would see it: the daily checks on
/// every day after the first month, the runaway check on every hour; anomalies deduplicated by their key.
/// </summary>
internal static class Evaluation
{
    public static IReadOnlyList<Anomaly> Replay(SyntheticSpend spend, AnomalyOptions options)
    {
        var history = new SpendHistory(spend.Items, TimeZoneInfo.Utc);
        var found = new Dictionary<string, Anomaly>(StringComparer.Ordinal);
        for (var offset = 30; offset < spend.Days; offset++)
        {
            var day = SyntheticSpend.Start.AddDays(offset);
            foreach (var anomaly in DailyDetector.Detect(history, day, options))
            {
                found.TryAdd(anomaly.Key, anomaly);
            }

            for (var hour = 0; hour < 24; hour++)
            {
                foreach (var anomaly in RunawayDetector.Detect(history, SyntheticSpend.At(day, hour), options))
                {
                    found.TryAdd(anomaly.Key, anomaly);
                }
            }
        }

        return [.. found.Values.OrderBy(a => a.At)];
    }
}
