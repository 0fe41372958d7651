using System.Globalization;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reports.Weekly;

/// <summary>
/// Which workflows' cost per call rose significantly this week. Each day with at least
/// <see cref="AnomalyOptions.CostPerCallMinRequests"/> calls gives one value, dollars / calls. The week's values
/// are compared with those of the 28 days before by a one-sided Mann–Whitney U test (rank-based: no normality
/// assumed, one odd day cannot carry it, and it works with a handful of days). A rise is reported when
/// p &lt; <see cref="Alpha"/> and the week's pooled cost per call is at least <see cref="MinRise"/> times the
/// baseline's, so a statistically clear but tiny rise stays out.
/// </summary>
public static class CostPerCallTest
{
    /// <summary>Significance level of the one-sided test: 0.01.</summary>
    public const double Alpha = 0.01;

    /// <summary>The least rise worth a line: 20%.</summary>
    public const decimal MinRise = 1.2m;

    /// <summary>Days of the week with enough calls that the test needs: 3.</summary>
    public const int MinDays = 3;

    /// <summary>Baseline days with enough calls that the test needs: 7.</summary>
    public const int MinBaselineDays = 7;

    public static IReadOnlyList<CostPerCallRise> Find(SpendHistory history, DateOnly monday, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var rises = new List<CostPerCallRise>();
        foreach (var workflow in history.Workflows.Order(StringComparer.Ordinal))
        {
            var week = Days(history, workflow, monday, monday.AddDays(6), options.CostPerCallMinRequests);
            var baseline = Days(history, workflow, monday.AddDays(-options.BaselineDays), monday.AddDays(-1), options.CostPerCallMinRequests);
            if (week.Count < MinDays || baseline.Count < MinBaselineDays)
            {
                continue;
            }

            var now = week.Sum(d => d.Amount) / week.Sum(d => d.Requests);
            var before = baseline.Sum(d => d.Amount) / baseline.Sum(d => d.Requests);
            if (before <= 0m || now < before * MinRise)
            {
                continue;
            }

            var p = UpperTailP([.. week.Select(d => d.Amount / d.Requests)], [.. baseline.Select(d => d.Amount / d.Requests)]);
            if (p >= Alpha)
            {
                continue;
            }

            rises.Add(new CostPerCallRise(
                workflow,
                decimal.Round(before, 6),
                decimal.Round(now, 6),
                week.Sum(d => d.Requests),
                week.Count,
                baseline.Count,
                p,
                Driver(history, workflow, week.Select(d => d.Day), baseline.Select(d => d.Day))));
        }

        return [.. rises.OrderByDescending(r => r.Ratio).ThenBy(r => r.Workflow, StringComparer.Ordinal)];
    }

    /// <summary>
    /// P(U ≥ observed) for the first sample being stochastically larger than the second: the normal
    /// approximation of the Mann–Whitney U statistic with the tie correction of its variance and a
    /// continuity correction of ½.
    /// </summary>
    public static double UpperTailP(IReadOnlyList<decimal> first, IReadOnlyList<decimal> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var n1 = first.Count;
        var n2 = second.Count;
        if (n1 == 0 || n2 == 0)
        {
            return 1.0;
        }

        var all = first.Select(v => (Value: v, First: true)).Concat(second.Select(v => (Value: v, First: false))).OrderBy(x => x.Value).ToList();
        var n = all.Count;
        double rankSum = 0, ties = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            var t = j - i + 1;
            ties += ((double)t * t * t) - t;
            for (var k = i; k <= j; k++)
            {
                if (all[k].First)
                {
                    rankSum += rank;
                }
            }

            i = j + 1;
        }

        var u = rankSum - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * n2 / 2.0;
        var variance = n1 * n2 / 12.0 * (n + 1 - (ties / (n * (n - 1.0))));
        if (variance <= 0)
        {
            return 1.0;
        }

        var z = (u - mean - 0.5) / Math.Sqrt(variance);
        return 0.5 * Erfc(z / Math.Sqrt(2.0));
    }

    /// <summary>The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            poly = c[i] + (t * poly);
        }

        var r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2.0 - r;
    }

    private static List<(DateOnly Day, decimal Amount, long Requests)> Days(SpendHistory history, string workflow, DateOnly from, DateOnly to, long minRequests)
    {
        var days = new List<(DateOnly, decimal, long)>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var (amount, requests) = history.Workflow(workflow, d);
            if (requests >= minRequests && amount > 0m)
            {
                days.Add((d, amount, requests));
            }
        }

        return days;
    }

    private static string? Driver(SpendHistory history, string workflow, IEnumerable<DateOnly> weekDays, IEnumerable<DateOnly> baselineDays)
    {
        var series = new Series(Dimension.Workflow, workflow);
        var now = weekDays.SelectMany(history.ItemsOn).Where(i => series.Matches(i) && i.Amount.HasValue).ToList();
        var then = baselineDays.SelectMany(history.ItemsOn).Where(i => series.Matches(i) && i.Amount.HasValue).ToList();
        var nowTotal = now.Sum(i => i.Amount!.Value);
        var thenTotal = then.Sum(i => i.Amount!.Value);
        if (nowTotal == 0m || thenTotal == 0m)
        {
            return null;
        }

        var shift = now.GroupBy(i => i.Model, StringComparer.Ordinal)
            .Select(g => (Model: g.Key, Now: g.Sum(i => i.Amount!.Value) / nowTotal, Then: then.Where(i => i.Model == g.Key).Sum(i => i.Amount!.Value) / thenTotal))
            .OrderByDescending(m => m.Now - m.Then)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .First();
        if (shift.Now - shift.Then >= 0.2m)
        {
            return string.Create(CultureInfo.InvariantCulture, $"model {shift.Model} (share of spend {shift.Then * 100m:0}% → {shift.Now * 100m:0}%)");
        }

        var tokensNow = (decimal)now.Sum(i => i.Tokens.Total) / Math.Max(1, now.Sum(i => i.Requests));
        var tokensThen = (decimal)then.Sum(i => i.Tokens.Total) / Math.Max(1, then.Sum(i => i.Requests));
        return tokensThen > 0m && tokensNow >= tokensThen * 1.2m
            ? string.Create(CultureInfo.InvariantCulture, $"tokens per call {tokensThen:#,0} → {tokensNow:#,0} (same models)")
            : null;
    }
}
