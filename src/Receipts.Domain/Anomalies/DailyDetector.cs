using System.Globalization;
using Receipts.Domain.Forecasts;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>
/// The checks of one local day: spikes and drifts of daily spend per team, project, key, person and workflow;
/// cost-per-call jumps per workflow; dev/test traffic on production keys. Pure: the same history, day and
/// options give the same anomalies.
/// </summary>
public static class DailyDetector
{
    private static readonly HashSet<string> NonProductionEnvs = new(StringComparer.OrdinalIgnoreCase)
    {
        "dev", "development", "test", "testing", "staging", "stage", "local", "ci", "qa", "sandbox",
    };

    public static IReadOnlyList<Anomaly> Detect(
        SpendHistory history,
        DateOnly day,
        AnomalyOptions options,
        IReadOnlyCollection<string>? productionKeys = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var anomalies = new List<Anomaly>();
        foreach (var series in history.AllSeries.OrderBy(s => s.Dimension).ThenBy(s => s.Value, StringComparer.Ordinal))
        {
            if (Spike(history, series, day, options) is { } spike)
            {
                anomalies.Add(spike);
            }
            else if (Drift(history, series, day, options) is { } drift)
            {
                anomalies.Add(drift);
            }
        }

        foreach (var workflow in history.Workflows.Order(StringComparer.Ordinal))
        {
            if (CostPerCall(history, workflow, day, options) is { } jump)
            {
                anomalies.Add(jump);
            }
        }

        anomalies.AddRange(EnvMismatches(history, day, options, productionKeys ?? []));
        return anomalies;
    }

    /// <summary>
    /// A day far above the series' level (its normal active weekday): at least <see cref="AnomalyOptions.SpikeMinRatio"/> times it and
    /// <see cref="AnomalyOptions.SpikeZ"/> of its own day-to-day spreads above it, on log spend. Weekends are compared with weekdays too: a
    /// Saturday at weekday level is not alarming, and a weekday baseline has no quiet days to widen it.
    /// </summary>
    internal static Anomaly? Spike(SpendHistory history, Series series, DateOnly day, AnomalyOptions options)
    {
        var observed = history.Daily(series, day);
        if (observed < options.MinDailyExcess)
        {
            return null;
        }

        var baselineDays = Weekdays(day.AddDays(-options.BaselineDays), day.AddDays(-1), history.FirstDay(series)).ToList();
        if (baselineDays.Count < options.MinBaselineDays)
        {
            return null;
        }

        // Spend noise is multiplicative (a busy day is twice a normal one, not $50 more), so the test is taken on
        // logarithms of the active days.
        var values = baselineDays.Select(d => history.Daily(series, d)).Where(v => v > 0m).ToList();
        if (values.Count < options.MinBaselineDays)
        {
            return null;
        }

        // The level (a normal weekday) is the trimmed mean of log spend over the active weekdays of the last
        // SpikeLevelDays (twelve weeks): on 35%-noise spend the 28-day median was itself off by 25–30% often enough
        // that an ordinary ×2.8 day read as ×3.8 and a ×5 spike as ×3.9, and six weeks still read a ×5.6 spike as
        // ×4.95. The trimmed mean of twelve weeks is within about ±5%; the trim keeps a past spike out of it.
        var levelLogs = Weekdays(day.AddDays(-Math.Max(options.SpikeLevelDays, options.BaselineDays)), day.AddDays(-1), history.FirstDay(series))
            .Select(d => history.Daily(series, d)).Where(v => v > 0m).Select(Log).ToList();
        var logLevel = RobustStats.TrimmedMean(levelLogs);
        var level = Exp(logLevel);

        // The spread is a property of the series, not of the last month: the trimmed standard deviation of the
        // active weekdays over SpikeSpreadDays (sixteen weeks, as far as history goes), each against its own four
        // weeks' median so a level that moved does not read as noise. It multiplies the z bar, so its error counts
        // z times over: MAD and IQR on forty days read a 0.35 spread anywhere from 0.25 to 0.46, which both let
        // ordinary ×3 days through and hid ×8 spikes, and even sixteen weeks' ±10% moved a 4.7σ bar by ±15%.
        // So the bar is two: the day must be SpikeMinRatio (×4) times the level — whose error is the level's alone —
        // and SpikeZ (4) σ above it, which decides only for series noisier than about 35% a day.
        var logSigma = Math.Max(LogSpread(history, series, day, options, options.SpikeSpreadDays), options.SpikeMinLogSigma);
        var threshold = Math.Max(Exp(logLevel + (options.SpikeZ * logSigma)), Math.Max(level * options.SpikeMinRatio, level + options.MinDailyExcess));
        if (observed < threshold)
        {
            return null;
        }

        // Since: walk back over the days that were just as high (weekends in between do not break the run), as far
        // as the level reaches: a run of high days keeps one since, so one alert key, however long it lasts (a
        // 14-day limit gave a series whose level jumped a new alert every day from its third week).
        var since = day;
        var reach = day.AddDays(-Math.Max(options.SpikeLevelDays, options.BaselineDays));
        for (var back = day.AddDays(-1); back >= reach; back = back.AddDays(-1))
        {
            if (history.Daily(series, back) >= threshold)
            {
                since = back;
            }
            else if (!IsWeekend(back))
            {
                break;
            }
        }

        var z = (Log(observed) - logLevel) / logSigma;
        var driver = DriverFinder.Find(history.ItemsOn(day), [.. baselineDays.Select(history.ItemsOn)], series.Matches, observed - level, series.Dimension);
        return new Anomaly
        {
            Kind = AnomalyKind.Spike,
            Subject = series.Label,
            At = history.StartOf(day),
            Since = history.StartOf(since),
            Observed = observed,
            Baseline = decimal.Round(level, 2),
            Score = decimal.Round(z, 1),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"{Money(observed)} on {day:yyyy-MM-dd}, {Times(observed, level)} a normal weekday ({Money(level)}; {z:0.0} σ above on a log scale){SinceText(since, day)}"),
            Driver = driver,
            Key = string.Create(CultureInfo.InvariantCulture, $"spike:{Key(series)}:{since:yyyy-MM-dd}"),
        };
    }

    /// <summary>
    /// A slow rise the spike check adapts to: the median weekday of the last two weeks against the median
    /// weekday four to eight weeks ago, with a rising trend (Kendall's tau) over the last four weeks.
    /// </summary>
    internal static Anomaly? Drift(SpendHistory history, Series series, DateOnly day, AnomalyOptions options)
    {
        var first = history.FirstDay(series);
        if (first > day.AddDays(-2 * options.BaselineDays))
        {
            // No full month-ago window yet: a young series is not drifting, it is starting.
            return null;
        }

        var reference = Weekdays(day.AddDays(-2 * options.BaselineDays), day.AddDays(-options.BaselineDays - 1), first).ToList();
        var recent = Weekdays(day.AddDays(-options.DriftRecentDays + 1), day, first).ToList();
        if (reference.Count < options.MinBaselineDays || recent.Count < 5)
        {
            return null;
        }

        var referenceValues = reference.Select(d => history.Daily(series, d)).ToList();
        var recentValues = recent.Select(d => history.Daily(series, d)).ToList();
        var referenceMedian = RobustStats.Median(referenceValues);
        var recentMedian = RobustStats.Median(recentValues);
        if (referenceMedian <= 0m || recentMedian - referenceMedian < options.DriftMinDailyExcess || recentMedian < referenceMedian * options.DriftRatio)
        {
            return null;
        }

        // The rise must stand out from the series' own noise: the log medians apart by several standard
        // errors (a noisy person's fortnight can run 1.7× by chance; a service's cannot).
        // The spread is the one the spike check uses, taken over the eight weeks before the recent window
        // (so the rise itself does not widen it): forty days, not the twenty-eight of the two windows, which
        // read a noisy person's spread low often enough to pass their fortnight's 1.6× as a drift.
        var referenceLogs = referenceValues.Where(v => v > 0m).Select(Log).ToList();
        var recentLogs = recentValues.Where(v => v > 0m).Select(Log).ToList();
        var spread = LogSpread(history, series, recent[0], options, 2 * options.BaselineDays);
        var standardError = Math.Max(spread, DriftMinLogSigma) * 1.2533m * DecimalMath.Sqrt((1m / Math.Max(1, referenceLogs.Count)) + (1m / Math.Max(1, recentLogs.Count)));
        if (Log(recentMedian) - Log(referenceMedian) < options.DriftZ * standardError)
        {
            return null;
        }

        var trendDays = Weekdays(day.AddDays(-options.BaselineDays + 1), day, first).ToList();
        var tau = RobustStats.KendallTau([.. trendDays.Select(d => history.Daily(series, d))]);
        if (tau < options.DriftTau)
        {
            return null;
        }

        // Since: the first day of the trend window whose week ran a fifth above the old level.
        var since = trendDays[0];
        foreach (var candidate in trendDays)
        {
            var week = Weekdays(candidate.AddDays(-6), candidate, first).Select(d => history.Daily(series, d)).ToList();
            if (RobustStats.Median(week) >= referenceMedian * 1.2m)
            {
                since = candidate;
                break;
            }
        }

        var ratio = referenceMedian == 0m ? 0m : recentMedian / referenceMedian;
        var driver = DriverFinder.Find(
            recent.SelectMany(history.ItemsOn),
            [.. reference.Select(history.ItemsOn)],
            series.Matches,
            (recentMedian - referenceMedian) * recent.Count,
            series.Dimension);
        return new Anomaly
        {
            Kind = AnomalyKind.Drift,
            Subject = series.Label,
            At = history.StartOf(day),
            Since = history.StartOf(since),
            Observed = recentMedian,
            Baseline = referenceMedian,
            Score = decimal.Round(ratio, 2),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"a normal weekday now costs {Money(recentMedian)}, {Times(recentMedian, referenceMedian)} the {Money(referenceMedian)} of a month ago, rising since {since:yyyy-MM-dd} (trend tau {tau:0.00})"),
            Driver = driver is null ? null : driver.Replace("a usual day", "a usual fortnight", StringComparison.Ordinal),
            Key = string.Create(CultureInfo.InvariantCulture, $"drift:{Key(series)}:{day:yyyy-MM}"),
        };
    }

    /// <summary>A workflow's dollars per call far above its median day (a model switch, longer prompts, a lost cache).</summary>
    internal static Anomaly? CostPerCall(SpendHistory history, string workflow, DateOnly day, AnomalyOptions options)
    {
        var (amount, requests) = history.Workflow(workflow, day);
        if (requests < options.CostPerCallMinRequests || amount <= 0m)
        {
            return null;
        }

        var baselineDays = new List<DateOnly>();
        for (var d = day.AddDays(-options.BaselineDays); d < day; d = d.AddDays(1))
        {
            if (history.Workflow(workflow, d).Requests >= options.CostPerCallMinRequests)
            {
                baselineDays.Add(d);
            }
        }

        if (baselineDays.Count < options.MinBaselineDays)
        {
            return null;
        }

        var values = baselineDays.Select(d => history.Workflow(workflow, d)).Select(w => w.Amount / w.Requests).ToList();
        var median = RobustStats.Median(values);
        var sigma = Sigma(values, median, 0.05m);
        var perCall = amount / requests;
        var z = (perCall - median) / sigma;
        if (perCall < median * options.CostPerCallRatio || z < options.CostPerCallZ)
        {
            return null;
        }

        var since = day;
        for (var back = day.AddDays(-1); back >= day.AddDays(-14); back = back.AddDays(-1))
        {
            var (a, r) = history.Workflow(workflow, back);
            if (r >= options.CostPerCallMinRequests && a / r >= median * options.CostPerCallRatio)
            {
                since = back;
            }
            else if (r >= options.CostPerCallMinRequests)
            {
                break;
            }
        }

        var series = new Series(Dimension.Workflow, workflow);
        var driver = ModelShiftDriver(history, series, day, baselineDays);
        return new Anomaly
        {
            Kind = AnomalyKind.CostPerCall,
            Subject = series.Label,
            At = history.StartOf(day),
            Since = history.StartOf(since),
            Observed = decimal.Round(perCall, 6),
            Baseline = decimal.Round(median, 6),
            Score = decimal.Round(z, 1),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"${perCall:0.0000} a call over {requests:#,0} calls on {day:yyyy-MM-dd}, {Times(perCall, median)} its usual ${median:0.0000}{SinceText(since, day)}"),
            Driver = driver,
            Key = string.Create(CultureInfo.InvariantCulture, $"cpc:{Key(series)}:{since:yyyy-MM-dd}"),
        };
    }

    /// <summary>
    /// Development or test traffic on a production key. A key is production when listed, when its name has a
    /// <c>prod</c> part, or when at least 95% of its tagged calls over the baseline (50 at least) said <c>env=prod</c>.
    /// </summary>
    internal static IEnumerable<Anomaly> EnvMismatches(SpendHistory history, DateOnly day, AnomalyOptions options, IReadOnlyCollection<string> productionKeys)
    {
        var suspicious = history.ItemsOn(day)
            .Where(i => i.ApiKey is not null && i.Env is not null && NonProductionEnvs.Contains(i.Env))
            .GroupBy(i => i.ApiKey!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in suspicious)
        {
            var requests = group.Sum(i => i.Requests);
            if (requests < options.EnvMismatchMinRequests || !IsProduction(history, group.Key, day, options, productionKeys))
            {
                continue;
            }

            var first = group.Min(i => i.At);
            var envs = string.Join(", ", group.Select(i => i.Env!.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));
            var top = group.Where(i => i.Person is not null).GroupBy(i => i.Person!).OrderByDescending(g => g.Sum(i => i.Requests)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            var tool = group.Where(i => i.Tool is not null).GroupBy(i => i.Tool!).OrderByDescending(g => g.Sum(i => i.Requests)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            var driverParts = new List<string>();
            if (top is not null)
            {
                driverParts.Add(string.Create(CultureInfo.InvariantCulture, $"person {top.Key} ({top.Sum(i => i.Requests):#,0} calls)"));
            }

            if (tool is not null)
            {
                driverParts.Add("tool " + tool.Key);
            }

            var dollars = group.Sum(i => i.Amount ?? 0m);
            yield return new Anomaly
            {
                Kind = AnomalyKind.EnvMismatch,
                Subject = "key " + group.Key,
                At = history.StartOf(day),
                Since = first,
                Observed = requests,
                Baseline = 0m,
                Score = requests,
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"{requests:#,0} calls tagged env={envs} ({Money(dollars)}) on production key {group.Key} on {day:yyyy-MM-dd}, first at {first.UtcDateTime:HH:mm} UTC"),
                Driver = driverParts.Count == 0 ? null : string.Join(", ", driverParts),
                Key = string.Create(CultureInfo.InvariantCulture, $"env:{group.Key.ToLowerInvariant()}:{day:yyyy-MM-dd}"),
            };
        }
    }

    internal static bool IsProduction(SpendHistory history, string key, DateOnly day, AnomalyOptions options, IReadOnlyCollection<string> productionKeys)
    {
        if (productionKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (key.Split(['-', '_', '.', ':', '/', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Any(p => p.Equals("prod", StringComparison.OrdinalIgnoreCase) || p.Equals("production", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        long tagged = 0, prod = 0;
        for (var d = day.AddDays(-options.BaselineDays); d < day; d = d.AddDays(1))
        {
            foreach (var item in history.ItemsOn(d))
            {
                if (item.Env is not null && string.Equals(item.ApiKey, key, StringComparison.Ordinal))
                {
                    tagged += item.Requests;
                    if (item.Env.Equals("prod", StringComparison.OrdinalIgnoreCase) || item.Env.Equals("production", StringComparison.OrdinalIgnoreCase))
                    {
                        prod += item.Requests;
                    }
                }
            }
        }

        return tagged >= 50 && prod * 100 >= tagged * 95;
    }

    private static string? ModelShiftDriver(SpendHistory history, Series series, DateOnly day, List<DateOnly> baselineDays)
    {
        var today = history.ItemsOn(day).Where(i => series.Matches(i) && i.Amount.HasValue).ToList();
        var before = baselineDays.SelectMany(history.ItemsOn).Where(i => series.Matches(i) && i.Amount.HasValue).ToList();
        var todayTotal = today.Sum(i => i.Amount!.Value);
        var beforeTotal = before.Sum(i => i.Amount!.Value);
        if (todayTotal == 0m)
        {
            return null;
        }

        var shift = today.GroupBy(i => i.Model, StringComparer.Ordinal)
            .Select(g => (Model: g.Key, Now: g.Sum(i => i.Amount!.Value) / todayTotal,
                Then: beforeTotal == 0m ? 0m : before.Where(i => i.Model == g.Key).Sum(i => i.Amount!.Value) / beforeTotal))
            .OrderByDescending(m => m.Now - m.Then)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .First();
        if (shift.Now - shift.Then >= 0.2m)
        {
            return string.Create(CultureInfo.InvariantCulture, $"model {shift.Model} (share of spend {shift.Then * 100m:0}% → {shift.Now * 100m:0}%)");
        }

        // Same models: calls got bigger. Say by how much the tokens per call grew.
        var tokensNow = (decimal)today.Sum(i => i.Tokens.Total) / Math.Max(1, today.Sum(i => i.Requests));
        var tokensThen = (decimal)before.Sum(i => i.Tokens.Total) / Math.Max(1, before.Sum(i => i.Requests));
        return tokensThen > 0m && tokensNow >= tokensThen * 1.2m
            ? string.Create(CultureInfo.InvariantCulture, $"tokens per call {tokensThen:#,0} → {tokensNow:#,0} (same models)")
            : null;
    }

    /// <summary>
    /// Day-to-day spread of log spend over the active weekdays of the <paramref name="days"/> before <paramref name="day"/>
    /// (whole baselines of <see cref="AnomalyOptions.BaselineDays"/>, as far as the series goes back): the trimmed
    /// standard deviation (<see cref="RobustStats.TrimmedSigma"/>) of the deviations from each baseline's own median.
    /// </summary>
    internal static decimal LogSpread(SpendHistory history, Series series, DateOnly day, AnomalyOptions options, int days)
    {
        var first = history.FirstDay(series);
        var deviations = new List<decimal>();
        for (var block = 0; block * options.BaselineDays < days; block++)
        {
            var to = day.AddDays(-1 - (block * options.BaselineDays));
            if (to < first)
            {
                break;
            }

            var logs = Weekdays(to.AddDays(1 - options.BaselineDays), to, first)
                .Select(d => history.Daily(series, d)).Where(v => v > 0m).Select(Log).ToList();
            if (logs.Count < 5)
            {
                continue;
            }

            var median = RobustStats.Median(logs);
            deviations.AddRange(logs.Select(l => l - median));
        }

        return RobustStats.TrimmedSigma(deviations);
    }

    /// <summary>
    /// The drift's floor is lower: a day's total of a service running around the clock varies by a few percent
    /// only, and what the drift compares are medians of many such days.
    /// </summary>
    private const decimal DriftMinLogSigma = 0.05m;

    private static decimal Log(decimal value) => (decimal)Math.Log((double)value);

    private static decimal Exp(decimal value) => (decimal)Math.Exp(Math.Min((double)value, 60.0));

    internal static IEnumerable<DateOnly> Weekdays(DateOnly from, DateOnly to, DateOnly first)
    {
        for (var d = from < first ? first : from; d <= to; d = d.AddDays(1))
        {
            if (!IsWeekend(d))
            {
                yield return d;
            }
        }
    }

    internal static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>The robust spread, floored at a share of the median and at one cent, so a flat series is not infinitely sensitive.</summary>
    private static decimal Sigma(IReadOnlyList<decimal> values, decimal median, decimal relativeFloor) =>
        Math.Max(RobustStats.MadScale * RobustStats.Mad(values, median), Math.Max(relativeFloor * median, 0.01m));

    internal static string Key(Series series) => $"{series.Dimension.ToString().ToLowerInvariant()}:{series.Value.ToLowerInvariant()}";

    internal static string Money(decimal value) => "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    internal static string Times(decimal observed, decimal baseline) =>
        baseline <= 0m ? "far above" : (observed / baseline).ToString("0.0", CultureInfo.InvariantCulture) + "×";

    private static string SinceText(DateOnly since, DateOnly day) =>
        since == day ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", high since {since:yyyy-MM-dd}");
}
