using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Forecasts;

namespace Receipts.Domain.Tests.Forecasts;

public sealed class PeriodForecasterTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);

    /// <summary>$100 every weekday, $10 every weekend day, from September on.</summary>
    private static Dictionary<DateOnly, decimal> Steady()
    {
        var daily = new Dictionary<DateOnly, decimal>();
        for (var day = new DateOnly(2026, 9, 1); day < December; day = day.AddDays(1))
        {
            daily[day] = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 10m : 100m;
        }

        return daily;
    }

    private static decimal ActualNovember(Dictionary<DateOnly, decimal> daily) =>
        daily.Where(d => d.Key >= November && d.Key < December).Sum(d => d.Value);

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(29)]
    public void Forecast_SteadyWeekdayProfile_LandsOnTheMonthTotal(int dayOfMonth)
    {
        var daily = Steady();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, dayOfMonth, 0, 0, 0, TimeSpan.Zero));

        // Only what happened before the clock is known.
        var known = daily.Where(d => d.Key < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ToDictionary();
        var forecast = PeriodForecaster.Forecast(known, November, December, clock.GetUtcNow(), TimeZoneInfo.Utc);

        var actual = ActualNovember(daily);
        forecast.DaysElapsed.ShouldBe(dayOfMonth - 1);
        forecast.Spent.ShouldBe(known.Where(d => d.Key >= November).Sum(d => d.Value));
        Math.Abs(forecast.Expected - actual).ShouldBeLessThan(actual * 0.02m);
        forecast.Low.ShouldBeLessThanOrEqualTo(actual);
        forecast.High.ShouldBeGreaterThanOrEqualTo(actual);
    }

    [Fact]
    public void Forecast_OnAFridayVersusTheMonday_WeekendsDoNotInflateTheRate()
    {
        // Without a weekday profile, a Friday run rate (five busy days) would overshoot the month.
        var daily = Steady();
        var friday = new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero); // after Fri 13th
        var known = daily.Where(d => d.Key < new DateOnly(2026, 11, 14)).ToDictionary();
        var forecast = PeriodForecaster.Forecast(known, November, December, friday, TimeZoneInfo.Utc);
        var actual = ActualNovember(daily);
        Math.Abs(forecast.Expected - actual).ShouldBeLessThan(actual * 0.02m);
    }

    [Fact]
    public void Forecast_NoisySpend_RangeNarrowsAsTheMonthGoesOn()
    {
        var random = new Random(7);
        var daily = new Dictionary<DateOnly, decimal>();
        for (var day = new DateOnly(2026, 9, 1); day < December; day = day.AddDays(1))
        {
            daily[day] = decimal.Round(100m * (decimal)(0.5 + random.NextDouble()), 2);
        }

        decimal Width(int dayOfMonth)
        {
            var asOf = new DateTimeOffset(2026, 11, dayOfMonth, 0, 0, 0, TimeSpan.Zero);
            var known = daily.Where(d => d.Key < DateOnly.FromDateTime(asOf.UtcDateTime)).ToDictionary();
            var f = PeriodForecaster.Forecast(known, November, December, asOf, TimeZoneInfo.Utc);
            return f.High - f.Low;
        }

        Width(25).ShouldBeLessThan(Width(5));
        Width(5).ShouldBeGreaterThan(0m);
    }

    [Fact]
    public void Forecast_FirstDayWithNoHistory_ExtrapolatesTodaysSpendAndStaysWide()
    {
        var daily = new Dictionary<DateOnly, decimal> { [November] = 12m };
        var forecast = PeriodForecaster.Forecast(daily, November, December, new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        forecast.Spent.ShouldBe(12m);
        forecast.Expected.ShouldBeGreaterThan(12m * 20);
        forecast.Low.ShouldBeGreaterThanOrEqualTo(12m);
        forecast.High.ShouldBeGreaterThan(forecast.Expected);
    }

    [Fact]
    public void Forecast_AfterThePeriod_IsTheActualTotal()
    {
        var daily = Steady();
        var forecast = PeriodForecaster.Forecast(daily, November, December, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        forecast.IsFinal.ShouldBeTrue();
        forecast.Expected.ShouldBe(ActualNovember(daily));
        forecast.Low.ShouldBe(forecast.High);
    }

    [Fact]
    public void Sqrt_MatchesSquares()
    {
        DecimalMath.Sqrt(2m).ShouldBe(1.4142135623730950488016887242m, 0.0000000000000000000000001m);
        DecimalMath.Sqrt(144m).ShouldBe(12m);
        DecimalMath.Sqrt(0m).ShouldBe(0m);
    }
}
