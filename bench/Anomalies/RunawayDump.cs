using System.Globalization;
using Receipts.Domain.Anomalies;

namespace Receipts.Bench.Anomalies;

/// <summary>
/// Diagnostics for choosing the runaway rule: every developer-hour of $50 or more after the first month of steady
/// runs and the runaway hour of each Runaway run, with the hour's spend, the developer's level (the generator's)
/// and the median, 95th percentile and largest of their active hours over the 28 and 84 days before, as CSV.
/// </summary>
internal static class RunawayDump
{
    public static void Write(int firstSeed, int seeds, TextWriter output)
    {
        output.WriteLine("seed,scenario,person,hour,observed,level,med28,p95_28,max28,n28,med84,p95_84,p99_84,n84,earlier,earlier_n,rest");
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            foreach (var scenario in new[] { Scenario.Steady, Scenario.Runaway })
            {
                var spend = SyntheticSpend.Generate(seed, scenario);
                foreach (var (person, level) in spend.Levels)
                {
                    var hours = spend.Items.Where(i => i.Person == person).GroupBy(i => SpendHistory.HourOf(i.At)).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));
                    var label = "person " + person;
                    var start = SyntheticSpend.At(SyntheticSpend.Start.AddDays(30), 0);
                    foreach (var (hour, observed) in hours.Where(h => h.Key >= start).OrderBy(h => h.Key))
                    {
                        var isRunaway = spend.Injected is { } inj && inj.Subjects.Contains(label) && hour >= inj.From && hour < inj.From.AddDays(1)
                            && observed == hours.Where(h => h.Key >= inj.From && h.Key < inj.From.AddDays(1)).Max(h => h.Value);
                        if ((scenario == Scenario.Runaway) != isRunaway || (!isRunaway && observed < 50m))
                        {
                            continue;
                        }

                        var before28 = hours.Where(h => h.Key >= hour.AddDays(-28) && h.Key < hour).Select(h => h.Value).ToList();
                        var before84 = hours.Where(h => h.Key >= hour.AddDays(-84) && h.Key < hour).Select(h => h.Value).ToList();
                        output.WriteLine(string.Join(",",
                            seed.ToString(CultureInfo.InvariantCulture), scenario, person, hour.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture),
                            Num(observed), Num(level),
                            Num(RobustStats.Median(before28)), Num(RobustStats.Quantile(before28, 0.95m)), Num(before28.Count == 0 ? 0m : before28.Max()), before28.Count.ToString(CultureInfo.InvariantCulture),
                            Num(RobustStats.Median(before84)), Num(RobustStats.Quantile(before84, 0.95m)), Num(RobustStats.Quantile(before84, 0.99m)), before84.Count.ToString(CultureInfo.InvariantCulture),
                            Num(hours.Where(h => h.Key >= DayStart(hour) && h.Key < hour).Sum(h => h.Value)), hours.Count(h => h.Key >= DayStart(hour) && h.Key < hour).ToString(CultureInfo.InvariantCulture),
                            Num(hours.Where(h => h.Key >= DayStart(hour) && h.Key < DayStart(hour).AddDays(1) && h.Key != hour).Sum(h => h.Value))));
                    }
                }
            }
        }
    }

    private static DateTimeOffset DayStart(DateTimeOffset hour) => new(hour.UtcDateTime.Date, TimeSpan.Zero);

    private static string Num(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
