using Receipts.Domain.Anomalies;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Anomalies;

/// <summary>The daily spike and drift checks on hand-built series (one person or one service).</summary>
public sealed class DailyDetectorTests
{
    private static readonly DateOnly Start = new(2026, 1, 5); // a Monday

    [Fact]
    public void Spike_WeekdayOnlySpendersMondaySixTimesUsual_IsFound()
    {
        // Weekdays only, no weekend work at all, 35% lognormal noise: the quiet weekends must not widen the
        // baseline, and a Monday (after two empty days) at about six times a normal day is a spike.
        var random = new Random(7);
        var items = new List<SpendItem>();
        var spikeDay = Start.AddDays(70);
        while (spikeDay.DayOfWeek != DayOfWeek.Monday)
        {
            spikeDay = spikeDay.AddDays(1);
        }

        for (var day = Start; day <= spikeDay; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var amount = 60m * LogNormal(random, 0.35);
            items.Add(Item(day, amount, person: "ana"));
            if (day == spikeDay)
            {
                items.Add(Item(day, 60m * 5m, person: "ana"));
            }
        }

        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        var anomalies = DailyDetector.Detect(history, spikeDay, AnomalyOptions.Default);
        anomalies.ShouldContain(a => a.Kind == AnomalyKind.Spike && a.Subject == "person ana");
        DailyDetector.Detect(history, spikeDay.AddDays(-7), AnomalyOptions.Default).ShouldBeEmpty();
    }

    [Fact]
    public void Drift_ServiceRisingThreePercentADay_IsFoundWithinThreeWeeks()
    {
        // A service at about $150 a weekday (4% noise) that starts rising 3% of its level a day: the old check
        // wanted the last fortnight at 1.6× (a month of rise); it is found within 21 days now, not before it starts.
        var random = new Random(11);
        var items = new List<SpendItem>();
        var rise = Start.AddDays(84);
        for (var day = Start; day < rise.AddDays(40); day = day.AddDays(1))
        {
            var level = 150m * (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5m : 1m);
            if (day >= rise)
            {
                level *= 1m + (0.03m * (day.DayNumber - rise.DayNumber));
            }

            items.Add(Item(day, level * LogNormal(random, 0.04), workflow: "summarise"));
        }

        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        DateOnly? foundOn = null;
        for (var day = Start.AddDays(60); day < rise.AddDays(40) && foundOn is null; day = day.AddDays(1))
        {
            if (DailyDetector.Detect(history, day, AnomalyOptions.Default).Any(a => a.Subject == "workflow summarise" && a.Kind is AnomalyKind.Drift or AnomalyKind.Spike))
            {
                foundOn = day;
            }
        }

        foundOn.ShouldNotBeNull();
        foundOn.Value.ShouldBeGreaterThan(rise);
        (foundOn.Value.DayNumber - rise.DayNumber).ShouldBeLessThanOrEqualTo(21);
    }

    [Fact]
    public void Spike_OrdinaryThreeTimesDayAfterCalmWeeks_IsNotASpikeBecauseTheLongerHistoryKnowsTheNoise()
    {
        // Sixteen weeks of a developer: the first eight noisy (45%), the last eight calm-looking (22%), about 35%
        // over all. A day at 3.2 times the level is ordinary for them. Spread from the last eight weeks alone
        // (floored at 0.25) read it as 4.65σ, over the old 4.5 bar; over sixteen weeks it is about 3.3σ.
        var random = new Random(5);
        var items = new List<SpendItem>();
        var day = Start;
        var weekdays = 0;
        for (; weekdays < 80; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            items.Add(Item(day, 50m * Exp((weekdays < 40 ? 0.45 : 0.22) * Normal(random)), person: "cy"));
            weekdays++;
        }

        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        items.Add(Item(day, 50m * 3.2m, person: "cy"));
        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        var spread = DailyDetector.LogSpread(history, new Series(Dimension.Person, "cy"), day, AnomalyOptions.Default, 112);
        spread.ShouldBeInRange(0.28m, 0.42m);
        DailyDetector.Detect(history, day, AnomalyOptions.Default).ShouldBeEmpty();

        // The same day at 6.5 times the level is a spike.
        items[^1] = Item(day, 50m * 6.5m, person: "cy");
        DailyDetector.Detect(new SpendHistory(items, TimeZoneInfo.Utc), day, AnomalyOptions.Default)
            .ShouldContain(a => a.Kind == AnomalyKind.Spike && a.Subject == "person cy");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SteadyNoisySeries_FourMonths_RaiseNothing(int seed)
    {
        // A person with 35% day-to-day noise and days off, and a service with 20% noise: ordinary noise.
        var random = new Random(seed);
        var items = new List<SpendItem>();
        var end = Start.AddDays(120);
        for (var day = Start; day < end; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!weekend && random.NextDouble() < 0.9)
            {
                items.Add(Item(day, 80m * LogNormal(random, 0.35), person: "bo"));
            }

            items.Add(Item(day, 120m * (weekend ? 0.5m : 1m) * LogNormal(random, 0.2), workflow: "classify"));
        }

        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        var alerts = new List<Anomaly>();
        for (var day = Start.AddDays(30); day < end; day = day.AddDays(1))
        {
            alerts.AddRange(DailyDetector.Detect(history, day, AnomalyOptions.Default));
        }

        alerts.ShouldBeEmpty(string.Join("; ", alerts.Select(a => a.Description)));
    }

    private static int _next;

    private static SpendItem Item(DateOnly day, decimal amount, string? person = null, string? workflow = null) => new()
    {
        RecordId = "r" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture),
        At = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        Model = "claude-sonnet-4-5",
        Person = person,
        Workflow = workflow,
        Requests = 10,
        Amount = decimal.Round(amount, 6),
    };

    private static decimal Exp(double value) => (decimal)Math.Exp(value);

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static decimal LogNormal(Random random, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (decimal)Math.Exp(sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
