using Receipts.Domain.Pricing;
using Receipts.Domain.Reports;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Reports;

public sealed class UsageAggregatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static UsageRecord Record(string id, DateTimeOffset at, string model = "claude-sonnet-4-5", long input = 100_000, string? session = "s1", string? repo = "github.com/acme/api", string? branch = "main") => new()
    {
        Id = id,
        SourceKind = "test",
        At = at,
        Provider = "anthropic",
        Model = model,
        Tokens = new TokenCounts(input, 0, 0, 0, 0),
        SessionId = session,
        Repo = repo,
        Branch = branch,
    };

    private static UsageReport Run(UsageGrouping grouping, TimeZoneInfo zone, params UsageRecord[] records)
    {
        var aggregator = new UsageAggregator(grouping, zone, new Pricer(BuiltInPrices.Book()));
        foreach (var record in records)
        {
            aggregator.Add(record);
        }

        return aggregator.Build();
    }

    [Fact]
    public void Day_BucketsByTheReportZonesCalendarDate()
    {
        // 22:30 UTC on the 20th is 23:30 in Berlin (CET, +1) but 17:30 in New York; 23:30 UTC is already the 21st in Berlin.
        var a = Record("a", new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero));
        var b = Record("b", new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero));

        Run(UsageGrouping.Day, Berlin, a, b).Rows.Select(r => r.Key).ShouldBe(["2026-11-20", "2026-11-21"]);
        Run(UsageGrouping.Day, NewYork, a, b).Rows.Select(r => r.Key).ShouldBe(["2026-11-20"]);
        Run(UsageGrouping.Day, TimeZoneInfo.Utc, a, b).Rows.Select(r => r.Key).ShouldBe(["2026-11-20"]);
    }

    [Fact]
    public void Day_HalfHourZone_SplitsAtLocalMidnight()
    {
        // India is UTC+5:30: 18:29 UTC is 23:59 local, 18:30 UTC is 00:00 the next day.
        var india = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var a = Record("a", new DateTimeOffset(2026, 11, 20, 18, 29, 0, TimeSpan.Zero));
        var b = Record("b", new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero));

        Run(UsageGrouping.Day, india, a, b).Rows.Select(r => r.Key).ShouldBe(["2026-11-20", "2026-11-21"]);
    }

    [Fact]
    public void Week_UsesIsoWeeks_AndMonth_UsesCalendarMonths()
    {
        // 2026-01-01 is a Thursday: ISO week 2026-W01 runs Mon 2025-12-29 .. Sun 2026-01-04; 2025-12-28 is 2025-W52.
        var records = new[]
        {
            Record("a", new DateTimeOffset(2025, 12, 28, 12, 0, 0, TimeSpan.Zero)),
            Record("b", new DateTimeOffset(2025, 12, 29, 12, 0, 0, TimeSpan.Zero)),
            Record("c", new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.Zero)),
            Record("d", new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero)),
        };

        Run(UsageGrouping.Week, TimeZoneInfo.Utc, records).Rows.Select(r => (r.Key, r.Records)).ShouldBe([("2025-W52", 1L), ("2026-W01", 2L), ("2026-W02", 1L)]);
        Run(UsageGrouping.Month, TimeZoneInfo.Utc, records).Rows.Select(r => (r.Key, r.Records)).ShouldBe([("2025-12", 2L), ("2026-01", 2L)]);
    }

    [Fact]
    public void UnpricedModel_CountsTokens_LeavesCostUnknown_AndIsListed()
    {
        var at = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var report = Run(
            UsageGrouping.Day,
            TimeZoneInfo.Utc,
            Record("a", at),                                   // 100k × $3/MTok = $0.30
            Record("b", at, model: "mystery-1", input: 500),
            Record("c", at, model: "claude-haiku-4-5"));       // 100k × $1/MTok = $0.10

        var row = report.Rows.Single();
        row.Tokens.Input.ShouldBe(200_500);
        row.Cost.ShouldBe(0.4m);
        row.CostUnknown.ShouldBeTrue();
        row.UnpricedModels.ShouldBe(["mystery-1"]);
        row.Models.Select(m => (m.Model, m.Cost, m.CostUnknown)).ShouldBe(
            [("claude-haiku-4-5", 0.1m, false), ("claude-sonnet-4-5", 0.3m, false), ("mystery-1", 0m, true)]);
        report.UnpricedModels.ShouldBe(["mystery-1"]);
        report.Totals.Cost.ShouldBe(0.4m);
    }

    [Fact]
    public void Session_KeepsProjectAndLastActivity_OrderedByLastActivity()
    {
        var t = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var report = Run(
            UsageGrouping.Session,
            TimeZoneInfo.Utc,
            Record("a", t, session: "s2", repo: "github.com/acme/web"),
            Record("b", t.AddHours(1), session: "s1"),
            Record("c", t.AddHours(2), session: "s2", repo: "github.com/acme/web"));

        report.Rows.Select(r => (r.Key, r.Project, r.LastActivity)).ShouldBe(
            [("s1", "github.com/acme/api", t.AddHours(1)), ("s2", "github.com/acme/web", t.AddHours(2))]);
    }

    [Fact]
    public void ProjectBranchAndModel_GroupAndSortByCostDescending()
    {
        var t = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var records = new[]
        {
            Record("a", t, repo: "github.com/acme/api", branch: "main"),
            Record("b", t, repo: "github.com/acme/api", branch: "feat/PAY-1"),
            Record("c", t, repo: "github.com/acme/api", branch: "feat/PAY-1"),
            Record("d", t, repo: null, branch: null) with { Cwd = "/home/a/scratch" },
        };

        Run(UsageGrouping.Project, TimeZoneInfo.Utc, records).Rows.Select(r => (r.Key, r.Cost)).ShouldBe(
            [("github.com/acme/api", 0.9m), ("/home/a/scratch", 0.3m)]);
        Run(UsageGrouping.Branch, TimeZoneInfo.Utc, records).Rows.Select(r => (r.Project, r.Branch, r.Cost)).ShouldBe(
            [("github.com/acme/api", "feat/PAY-1", 0.6m), ("/home/a/scratch", "(no branch)", 0.3m), ("github.com/acme/api", "main", 0.3m)]);
        Run(UsageGrouping.Model, TimeZoneInfo.Utc, records).Rows.Single().Key.ShouldBe("claude-sonnet-4-5");
    }

    [Fact]
    public void ReportPeriod_ConvertsInclusiveLocalDatesToUtcBounds()
    {
        var (since, until) = ReportPeriod.ToUtcRange(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), Berlin);

        since.ShouldBe(new DateTimeOffset(2026, 11, 19, 23, 0, 0, TimeSpan.Zero));
        until.ShouldBe(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ReportPeriod_DayWhoseMidnightIsSkipped_StartsAtTheFirstLocalTime()
    {
        // Santiago (Chile) moves clocks from 00:00 to 01:00 on 2026-09-06: the day starts at 01:00 local = 04:00 UTC.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        ReportPeriod.StartOfDayUtc(new DateOnly(2026, 9, 6), santiago).ShouldBe(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void MillionRecords_FoldExactly_WithoutOverflowOrDrift()
    {
        var pricer = new Pricer(BuiltInPrices.Book());
        var aggregator = new UsageAggregator(UsageGrouping.Day, Berlin, pricer);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] models = ["claude-sonnet-4-5-20250929", "claude-opus-4-6", "gpt-5-codex", "mystery-1"];
        var records = new UsageRecord[1_000_000];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), start.AddSeconds(i * 20), model: models[i % 4], input: 1_000);
        }

        // Speed is measured by bench/run-usage-bench.sh (docs/benchmarks.md), not by a timed unit test on a shared machine.
        foreach (var record in records)
        {
            aggregator.Add(record);
        }

        var report = aggregator.Build();

        report.Totals.Records.ShouldBe(1_000_000);
        report.Totals.Tokens.Input.ShouldBe(1_000_000_000);
        // 250k records each of Sonnet ($3), Opus 4.6 ($5), gpt-5-codex ($1.25) at 1,000 tokens: 250 × (3 + 5 + 1.25)
        report.Totals.Cost.ShouldBe(2_312.5m);
    }
}
