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
    public void Spike_OrdinaryDayAfterCalmWeeks_IsNotASpikeBecauseTheLongerHistoryKnowsTheNoise()
    {
        // Sixteen weeks of a developer: the first eight very noisy (log σ 1.0), the last eight calm-looking (0.35). A
        // day at 6 times the level is ordinary for them. Spread from the last eight weeks alone read it as about
        // 5σ, over the 4σ bar and the ×4 ratio; over sixteen weeks the spread is higher and the day under the bar.
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

            items.Add(Item(day, 50m * Exp((weekdays < 40 ? 1.0 : 0.35) * Normal(random)), person: "cy"));
            weekdays++;
        }

        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        items.Add(Item(day, 50m * 6m, person: "cy"));
        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        var spread = DailyDetector.LogSpread(history, new Series(Dimension.Person, "cy"), day, AnomalyOptions.Default, 112);
        spread.ShouldBeInRange(0.45m, 1.0m);
        DailyDetector.Detect(history, day, AnomalyOptions.Default).ShouldBeEmpty();
        DailyDetector.Detect(history, day, AnomalyOptions.Default with { SpikeSpreadDays = 56 })
            .ShouldContain(a => a.Kind == AnomalyKind.Spike, "the last eight weeks alone read the noise low");

        // The scheduled alert check reads as much history as the spread needs (it read 58 days until 2026-11-23, so
        // it saw the eight calm weeks only and raised this day).
        var asOf = history.StartOf(day.AddDays(1));
        var read = AnomalyScanner.ReadFrom(asOf, AnomalyOptions.Default);
        AnomalyScanner.Scan(items.Where(i => i.At >= read), asOf, TimeZoneInfo.Utc, AnomalyOptions.Default).ShouldBeEmpty();

        // The same day at 30 times the level is a spike.
        items[^1] = Item(day, 50m * 30m, person: "cy");
        DailyDetector.Detect(new SpendHistory(items, TimeZoneInfo.Utc), day, AnomalyOptions.Default)
            .ShouldContain(a => a.Kind == AnomalyKind.Spike && a.Subject == "person cy");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Spike_FiveTimesDayAfterTwelveWeeksOfLognormalNoise_IsFoundAndThreeTimesIsNot(int seed)
    {
        // Twelve weeks of a developer at $60 a weekday with 35% lognormal noise and a day off one day in ten. A day at
        // five times that is a spike; a day at three times is an ordinary heavy day. The old bar (e^(4.7σ) alone) sat
        // at about ×5.2 for this noise, above the day: it found such days only when it read the spread low.
        var (items, next) = Developer(seed, weeks: 12, level: 60m, sigma: 0.35, activeShare: 0.9);
        foreach (var (ratio, spike) in new[] { (5m, true), (3m, false) })
        {
            var history = new SpendHistory([.. items, Item(next, 60m * ratio, person: "ana")], TimeZoneInfo.Utc);
            var anomalies = DailyDetector.Detect(history, next, AnomalyOptions.Default);
            if (spike)
            {
                var found = anomalies.ShouldHaveSingleItem();
                found.Kind.ShouldBe(AnomalyKind.Spike);
                found.Subject.ShouldBe("person ana");
                found.Baseline.ShouldBe(60m, 6m); // the level: a normal weekday, within 10%
            }
            else
            {
                anomalies.ShouldBeEmpty(string.Join("; ", anomalies.Select(a => a.Description)));
            }
        }
    }

    [Fact]
    public void Spike_PersonWithIdleDays_LevelIsTheirActiveDayAndFiveTimesIsFound()
    {
        // A developer active on two weekdays in three (an idle day is $0, not a low day): the level is their
        // normal active day, not dragged towards the idle days, so a ×2.5 active day is quiet and a ×5 day a spike.
        var (items, next) = Developer(seed: 8, weeks: 12, level: 80m, sigma: 0.35, activeShare: 0.67);
        DailyDetector.Detect(new SpendHistory([.. items, Item(next, 80m * 2.5m, person: "ana")], TimeZoneInfo.Utc), next, AnomalyOptions.Default)
            .ShouldBeEmpty();
        var spike = DailyDetector.Detect(new SpendHistory([.. items, Item(next, 80m * 5m, person: "ana")], TimeZoneInfo.Utc), next, AnomalyOptions.Default)
            .ShouldHaveSingleItem();
        spike.Kind.ShouldBe(AnomalyKind.Spike);
        spike.Baseline.ShouldBe(80m, 8m); // an average over all weekdays would say about $54
    }

    [Fact]
    public void Spike_NoisySeries_TheSpreadStillDecides()
    {
        // A developer whose ordinary days swing 60% (log σ): ×5 is within their ordinary range (2.7σ) and stays
        // quiet although it is over the ×4 ratio; ×20 (5σ) is a spike. A check on the ratio alone would raise the first.
        var (items, next) = Developer(seed: 3, weeks: 16, level: 50m, sigma: 0.6, activeShare: 0.9);
        DailyDetector.Detect(new SpendHistory([.. items, Item(next, 50m * 5m, person: "ana")], TimeZoneInfo.Utc), next, AnomalyOptions.Default)
            .ShouldBeEmpty();
        DailyDetector.Detect(new SpendHistory([.. items, Item(next, 50m * 20m, person: "ana")], TimeZoneInfo.Utc), next, AnomalyOptions.Default)
            .ShouldContain(a => a.Kind == AnomalyKind.Spike && a.Subject == "person ana");
    }

    [Fact]
    public void Spike_CalmSeries_NeedsTheMinimumRatio()
    {
        // A service whose weekday total varies by 5%: its spread is floored at 0.25, so the z bar alone would be
        // ×2.7. The spike also needs SpikeMinRatio (×4) the level: ×3.5 is not a spike, ×4.5 is (the drift check,
        // not this one, watches a calm series' smaller lasting rises).
        var random = new Random(4);
        var items = new List<SpendItem>();
        var day = Start;
        for (; day < Start.AddDays(84); day = day.AddDays(1))
        {
            items.Add(Item(day, 100m * (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5m : 1m) * LogNormal(random, 0.05), workflow: "classify"));
        }

        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        DailyDetector.Detect(new SpendHistory([.. items, Item(day, 350m, workflow: "classify")], TimeZoneInfo.Utc), day, AnomalyOptions.Default).ShouldBeEmpty();
        DailyDetector.Detect(new SpendHistory([.. items, Item(day, 350m, workflow: "classify")], TimeZoneInfo.Utc), day, AnomalyOptions.Default with { SpikeMinRatio = 3m })
            .ShouldContain(a => a.Kind == AnomalyKind.Spike);
        DailyDetector.Detect(new SpendHistory([.. items, Item(day, 450m, workflow: "classify")], TimeZoneInfo.Utc), day, AnomalyOptions.Default)
            .ShouldContain(a => a.Kind == AnomalyKind.Spike && a.Subject == "workflow classify");
    }

    [Fact]
    public void Spike_LevelThatJumpedAndStayed_IsOneAlertKeyNotOneADay()
    {
        // A service whose spend jumps ×6 and stays there for six weeks: every day is over the bar until the level
        // catches up, and each day's alert carries the same since, so the same key (one alert, not one a day).
        var random = new Random(6);
        var items = new List<SpendItem>();
        var jump = Start.AddDays(85); // a Tuesday
        for (var day = Start; day < jump.AddDays(42); day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            items.Add(Item(day, 100m * (weekend ? 0.5m : 1m) * (day >= jump ? 6m : 1m) * LogNormal(random, 0.05), workflow: "classify"));
        }

        var history = new SpendHistory(items, TimeZoneInfo.Utc);
        var spikes = Enumerable.Range(0, 42).Select(jump.AddDays)
            .SelectMany(day => DailyDetector.Detect(history, day, AnomalyOptions.Default))
            .Where(a => a.Kind == AnomalyKind.Spike && a.Subject == "workflow classify")
            .ToList();
        spikes.Count.ShouldBeGreaterThan(20);
        spikes.Select(a => a.Key).Distinct().ShouldHaveSingleItem();
        spikes.ShouldAllBe(a => a.Since == history.StartOf(jump));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Spike_TeamDay_DriverIsTheDeveloperNotTheKeyTheTeamShares(int seed)
    {
        // Four developers on one team key and one tool, twelve weeks; one of them has a ×20 day. The team's spike
        // names that developer: the shared key and the tool grew by the whole excess too, but they are all of the
        // team's spend every day, so they name nothing (ranked by growth alone, the key came first).
        var random = new Random(seed);
        var items = new List<SpendItem>();
        var day = Start;
        for (; day < Start.AddDays(84); day = day.AddDays(1))
        {
            foreach (var person in new[] { "ana", "bo", "cy", "di" })
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && random.NextDouble() < 0.9)
                {
                    items.Add(Item(day, 60m * LogNormal(random, 0.35), person: person) with { Team = "payments", ApiKey = "payments-dev", Tool = "claude-code" });
                }
            }
        }

        foreach (var person in new[] { "ana", "bo", "cy", "di" })
        {
            items.Add(Item(day, 60m * (person == "cy" ? 20m : LogNormal(random, 0.35)), person: person) with { Team = "payments", ApiKey = "payments-dev", Tool = "claude-code" });
        }

        var anomalies = DailyDetector.Detect(new SpendHistory(items, TimeZoneInfo.Utc), day, AnomalyOptions.Default);
        var team = anomalies.Single(a => a.Subject == "team payments");
        team.Kind.ShouldBe(AnomalyKind.Spike);
        team.Driver.ShouldNotBeNull();
        team.Driver.ShouldStartWith("person cy ");
        anomalies.Single(a => a.Subject == "key payments-dev").Driver!.ShouldStartWith("person cy ");
    }

    /// <summary>A developer's weekdays (a share of them active, lognormal noise around the level) and the next weekday.</summary>
    private static (List<SpendItem> Items, DateOnly Next) Developer(int seed, int weeks, decimal level, double sigma, double activeShare)
    {
        var random = new Random(seed);
        var items = new List<SpendItem>();
        var day = Start;
        for (; day < Start.AddDays(7 * weeks); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && random.NextDouble() < activeShare)
            {
                items.Add(Item(day, level * LogNormal(random, sigma), person: "ana"));
            }
        }

        return (items, day);
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
