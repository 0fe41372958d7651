using Receipts.Domain.Anomalies;
using Receipts.Domain.Reports.Weekly;

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

    /// <summary>
    /// The collector's live runaway watch: the first month seeds the baseline (as the server reads the store at
    /// start), then every item arrives in time order and the hour it lands in is checked at once.
    /// </summary>
    public static IReadOnlyList<Anomaly> ReplayLive(SyntheticSpend spend, AnomalyOptions options)
    {
        var detector = new LiveRunawayDetector(options);
        var start = SyntheticSpend.At(SyntheticSpend.Start.AddDays(30), 0);
        var found = new Dictionary<string, Anomaly>(StringComparer.Ordinal);
        foreach (var item in spend.Items.OrderBy(i => i.At))
        {
            if (item.At < start)
            {
                detector.Seed(item);
                continue;
            }

            foreach (var anomaly in detector.Add(item))
            {
                found.TryAdd(anomaly.Key, anomaly);
            }
        }

        return [.. found.Values.OrderBy(a => a.At)];
    }

    /// <summary>
    /// The weekly report's cost-per-call test on every ISO week after five weeks of history: each workflow it
    /// lists is one finding, dated when the report goes out (the Monday after its week).
    /// </summary>
    public static IReadOnlyList<Anomaly> ReplayWeekly(SyntheticSpend spend, AnomalyOptions options)
    {
        var history = new SpendHistory(spend.Items, TimeZoneInfo.Utc);
        var found = new List<Anomaly>();
        for (var monday = SyntheticSpend.Start.AddDays(35); monday.AddDays(6) < SyntheticSpend.Start.AddDays(spend.Days); monday = monday.AddDays(7))
        {
            foreach (var rise in CostPerCallTest.Find(history, monday, options))
            {
                var at = SyntheticSpend.At(monday.AddDays(7), 0);
                found.Add(new Anomaly
                {
                    Kind = AnomalyKind.CostPerCall,
                    Subject = "workflow " + rise.Workflow,
                    At = at,
                    Since = at,
                    Observed = rise.Now,
                    Baseline = rise.Before,
                    Score = (decimal)rise.PValue,
                    Description = $"p = {rise.PValue:0.000000}",
                    Key = $"weekly-cpc:{rise.Workflow}:{monday:yyyy-MM-dd}",
                });
            }
        }

        return found;
    }
}
