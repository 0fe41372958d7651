using System.Globalization;
using Receipts.Domain.Anomalies;

namespace Receipts.Bench.Anomalies;

/// <summary>
/// Diagnostics for choosing the spike rule: every checked developer-day of steady runs and every injected spike
/// day, with the day's spend, the generator's level (which no detector knows) and the estimates a rule could use
/// (trimmed mean of log spend over several windows of active weekdays; the trimmed spread of 16 weeks), as CSV.
/// </summary>
internal static class SpikeDump
{
    private static readonly int[] LevelWindows = [28, 42, 56, 84, 112];

    public static void Write(int firstSeed, int seeds, TextWriter output)
    {
        output.WriteLine("seed,scenario,person,day,weekend,observed,level," + string.Join(",", LevelWindows.Select(w => $"lvl{w},n{w}")) + ",sd112,sd56");
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            foreach (var scenario in new[] { Scenario.Steady, Scenario.Spike })
            {
                var spend = SyntheticSpend.Generate(seed, scenario);
                foreach (var (person, level) in spend.Levels)
                {
                    var daily = spend.Items.Where(i => i.Person == person).GroupBy(i => DateOnly.FromDateTime(i.At.UtcDateTime))
                        .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));
                    var first = daily.Keys.Min();
                    var label = "person " + person;
                    for (var offset = 30; offset < spend.Days; offset++)
                    {
                        var day = SyntheticSpend.Start.AddDays(offset);
                        var isSpike = spend.Injected is { } inj && inj.Subjects.Contains(label) && day == DateOnly.FromDateTime(inj.From.UtcDateTime);
                        if ((scenario == Scenario.Spike) != isSpike || !daily.TryGetValue(day, out var observed))
                        {
                            continue;
                        }

                        var line = new List<string>
                        {
                            seed.ToString(CultureInfo.InvariantCulture), scenario.ToString(), person, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            IsWeekend(day) ? "1" : "0", Num(observed), Num(level),
                        };
                        foreach (var window in LevelWindows)
                        {
                            var logs = Logs(daily, day.AddDays(-window), day.AddDays(-1), first);
                            line.Add(Num(RobustStats.TrimmedMean(logs)));
                            line.Add(logs.Count.ToString(CultureInfo.InvariantCulture));
                        }

                        line.Add(Num(Spread(daily, day, first, 112)));
                        line.Add(Num(Spread(daily, day, first, 56)));
                        output.WriteLine(string.Join(",", line));
                    }
                }
            }
        }
    }

    private static List<decimal> Logs(Dictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to, DateOnly first) =>
        [.. Weekdays(from, to, first).Where(d => daily.GetValueOrDefault(d) > 0m).Select(d => (decimal)Math.Log((double)daily[d]))];

    /// <summary>As DailyDetector.LogSpread: 28-day blocks, each against its own median, trimmed standard deviation.</summary>
    private static decimal Spread(Dictionary<DateOnly, decimal> daily, DateOnly day, DateOnly first, int days)
    {
        var deviations = new List<decimal>();
        for (var block = 0; block * 28 < days; block++)
        {
            var to = day.AddDays(-1 - (block * 28));
            if (to < first)
            {
                break;
            }

            var logs = Logs(daily, to.AddDays(-27), to, first);
            if (logs.Count < 5)
            {
                continue;
            }

            var median = RobustStats.Median(logs);
            deviations.AddRange(logs.Select(l => l - median));
        }

        return RobustStats.TrimmedSigma(deviations);
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static IEnumerable<DateOnly> Weekdays(DateOnly from, DateOnly to, DateOnly first)
    {
        for (var d = from < first ? first : from; d <= to; d = d.AddDays(1))
        {
            if (!IsWeekend(d))
            {
                yield return d;
            }
        }
    }

    private static string Num(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
