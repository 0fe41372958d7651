namespace Receipts.Domain.Forecasts;

/// <summary>
/// Forecasts a period's total (a month or a quarter) from its run rate with a weekday profile:
/// <list type="number">
/// <item>the profile (weekends quiet) is learned from the 56 days before the as-of day;</item>
/// <item>the run rate is spend per profile-weighted day over the period's complete days, blended with the
/// 28 days before the period while the period has few days of its own (7 days of prior weight);</item>
/// <item>expected = spent so far + run rate × the profile weight of what is left (the rest of today included);</item>
/// <item>the 80% range adds the day-to-day spread of the remaining days and the uncertainty of the rate itself.</item>
/// </list>
/// Pure and deterministic: the caller passes daily spend in the reporting zone.
/// </summary>
public static class PeriodForecaster
{
    /// <summary>z for the central 80% of a normal distribution.</summary>
    private const decimal Z80 = 1.2816m;

    private const int ProfileDays = 56;
    private const int HistoryDays = 28;
    private const decimal HistoryPriorDays = 7m;

    /// <param name="daily">Spend per local day; should cover up to 56 days before the as-of day for the profile.</param>
    /// <param name="periodStart">First day of the period.</param>
    /// <param name="periodEnd">First day after the period.</param>
    /// <param name="asOf">Now.</param>
    /// <param name="zone">The reporting zone the days are in.</param>
    public static SpendForecast Forecast(
        IReadOnlyDictionary<DateOnly, decimal> daily,
        DateOnly periodStart,
        DateOnly periodEnd,
        DateTimeOffset asOf,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(zone);
        if (periodEnd <= periodStart)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodEnd));
        }

        var local = TimeZoneInfo.ConvertTime(asOf, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var daysInPeriod = periodEnd.DayNumber - periodStart.DayNumber;
        if (today >= periodEnd)
        {
            var total = Sum(daily, periodStart, periodEnd.AddDays(-1));
            return new SpendForecast(total, total, total, total, daysInPeriod, daysInPeriod, total / daysInPeriod);
        }

        var profile = WeekdayProfile.Learn(daily, today.AddDays(-ProfileDays), today.AddDays(-1));
        var fractionOfToday = today < periodStart ? 0m : (decimal)local.TimeOfDay.Ticks / TimeSpan.TicksPerDay;

        // Per-weight-day spend: one observation per complete day, of the period and of the recent history,
        // counted from the first day anything was spent (a team that started last week had no quiet month before).
        var firstSpend = daily.Where(d => d.Value > 0m).Select(d => d.Key).DefaultIfEmpty(today).Min();
        var periodFrom = Max(periodStart, firstSpend);
        var historyFrom = Max(periodStart.AddDays(-HistoryDays), firstSpend);
        var periodDays = Observations(daily, profile, periodFrom, today.AddDays(-1));
        var historyDays = Observations(daily, profile, historyFrom, Min(periodStart, today).AddDays(-1));
        var spent = today < periodStart ? 0m : Sum(daily, periodStart, today);

        decimal rate;
        if (periodDays.Count > 0 && historyDays.Count > 0)
        {
            var periodRate = RateOf(daily, profile, periodFrom, today.AddDays(-1));
            var historyRate = RateOf(daily, profile, historyFrom, periodStart.AddDays(-1));
            rate = ((periodDays.Count * periodRate) + (HistoryPriorDays * historyRate)) / (periodDays.Count + HistoryPriorDays);
        }
        else if (periodDays.Count > 0)
        {
            rate = RateOf(daily, profile, periodFrom, today.AddDays(-1));
        }
        else if (historyDays.Count > 0)
        {
            rate = RateOf(daily, profile, historyFrom, Min(periodStart, today).AddDays(-1));
        }
        else
        {
            // Nothing but today so far: extrapolate today's share of the day, an hour at least.
            var todayWeight = profile.Weight(today) * Math.Max(fractionOfToday, 1m / 24m);
            rate = today < periodStart ? 0m : daily.GetValueOrDefault(today) / todayWeight;
        }

        var remainingWeight = today < periodStart ? 0m : profile.Weight(today) * (1m - fractionOfToday);
        var remainingVariance = today < periodStart ? 0m : Square(remainingWeight);
        for (var day = today < periodStart ? periodStart : today.AddDays(1); day < periodEnd; day = day.AddDays(1))
        {
            var weight = profile.Weight(day);
            remainingWeight += weight;
            remainingVariance += weight * weight;
        }

        var expected = spent + (rate * remainingWeight);
        var observations = periodDays.Concat(historyDays).ToList();
        var spread = StandardDeviation(observations);
        if (observations.Count < 2)
        {
            // One day or none tells nothing about the spread: assume a wide one (half the rate).
            spread = rate / 2m;
        }

        var rateVariance = Square(spread) / Math.Max(observations.Count, 1);
        var variance = (Square(spread) * remainingVariance) + (Square(remainingWeight) * rateVariance);
        var half = Z80 * DecimalMath.Sqrt(variance);
        var completeDays = today < periodStart ? 0 : today.DayNumber - periodStart.DayNumber;
        return new SpendForecast(
            Round(spent),
            Round(expected),
            Round(Math.Max(spent, expected - half)),
            Round(expected + half),
            completeDays,
            daysInPeriod,
            Round(rate));
    }

    private static List<decimal> Observations(IReadOnlyDictionary<DateOnly, decimal> daily, WeekdayProfile profile, DateOnly from, DateOnly to)
    {
        var values = new List<decimal>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            values.Add(daily.GetValueOrDefault(day) / profile.Weight(day));
        }

        return values;
    }

    private static decimal RateOf(IReadOnlyDictionary<DateOnly, decimal> daily, WeekdayProfile profile, DateOnly from, DateOnly to)
    {
        decimal spend = 0m, weight = 0m;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            spend += daily.GetValueOrDefault(day);
            weight += profile.Weight(day);
        }

        return weight == 0m ? 0m : spend / weight;
    }

    private static decimal Sum(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        var sum = 0m;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            sum += daily.GetValueOrDefault(day);
        }

        return sum;
    }

    private static decimal StandardDeviation(List<decimal> values)
    {
        if (values.Count < 2)
        {
            return 0m;
        }

        var mean = values.Average();
        var sum = values.Sum(v => Square(v - mean));
        return DecimalMath.Sqrt(sum / (values.Count - 1));
    }

    private static decimal Square(decimal value) => value * value;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.ToEven);
}
