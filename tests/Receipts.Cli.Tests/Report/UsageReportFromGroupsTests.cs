using Microsoft.Extensions.Time.Testing;
using Receipts.Cli.Commands.Report;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reports;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Report;

/// <summary>
/// `report usage` sums records in SQL (the store's usage groups) for every grouping but session. The output must be
/// byte-identical to folding every record one by one, on records that exercise each pricing rule.
/// </summary>
public sealed class UsageReportFromGroupsTests : IDisposable
{
    private static readonly string[] Models =
    [
        "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-opus-4-6", "claude-opus-4-5-20251101",
        "claude-haiku-4-5", "gpt-5-codex", "mystery-model",
    ];

    private readonly UsageStoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    // Seeded, so a failure reproduces: times across both 2026 DST ends (Europe 25 Oct, US 1 Nov), long-context prompts,
    // tiers, fast mode, US-only inference, web searches, given costs, empty records, multi-request records, missing
    // repos, cwds and branches, and instants shared by several records.
    private static UsageRecord[] VariedRecords()
    {
        var random = new Random(20261123);
        var start = new DateTimeOffset(2026, 10, 22, 0, 0, 0, TimeSpan.Zero);
        var records = new UsageRecord[600];
        for (var i = 0; i < records.Length; i++)
        {
            var model = Models[random.Next(Models.Length)];
            var at = i % 10 == 9 ? records[i - 1].At : start.AddMinutes(random.Next(0, 14 * 24 * 60)).AddSeconds(random.Next(60));
            var longContext = random.Next(6) == 0;
            var empty = random.Next(25) == 0;
            var tokens = empty
                ? new TokenCounts(0, 0, 0, 0, 0)
                : new TokenCounts(
                    random.Next(0, 5_000),
                    random.Next(1, 20_000),
                    longContext ? random.Next(150_000, 400_000) : random.Next(0, 150_000),
                    random.Next(0, 30_000),
                    random.Next(4) == 0 ? random.Next(0, 20_000) : 0);
            records[i] = new UsageRecord
            {
                Id = "r" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                SourceKind = random.Next(3) == 0 ? "codex" : "claude-code",
                At = at,
                Provider = model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "anthropic",
                Model = model,
                ServiceTier = random.Next(8) switch { 0 => "batch", 1 => "priority", 2 => "standard", _ => null },
                Speed = random.Next(10) == 0 ? "fast" : null,
                InferenceGeo = random.Next(10) == 0 ? "us" : null,
                Tokens = tokens,
                WebSearchRequests = random.Next(12) == 0 ? random.Next(1, 4) : 0,
                Requests = random.Next(15) == 0 ? random.Next(2, 5) : 1,
                Cost = random.Next(20) == 0 ? decimal.Round((decimal)random.NextDouble() * 3m, 6) : null,
                CostBasis = random.Next(20) == 0 ? CostBasis.Billed : CostBasis.Estimated,
                SessionId = random.Next(20) == 0 ? null : "s" + random.Next(40),
                Repo = random.Next(5) == 0 ? null : "github.com/acme/r" + random.Next(4),
                Cwd = random.Next(4) == 0 ? null : "/home/dev/r" + random.Next(4),
                Branch = random.Next(6) == 0 ? null : "feat/PAY-" + random.Next(6),
            };
        }

        return records;
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    [InlineData("project")]
    [InlineData("branch")]
    [InlineData("model")]
    public async Task ReportFromGroups_EqualsTheReportFoldedRecordByRecord_ByteForByte(string by)
    {
        await _fixture.WriteAsync(VariedRecords());
        var grouping = Enum.Parse<UsageGrouping>(by, ignoreCase: true);

        foreach (var zone in new[] { "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata" })
        {
            var (perRecordJson, perRecordCsv) = await PerRecordAsync(grouping, TimeZoneInfo.FindSystemTimeZoneById(zone));
            perRecordJson.ShouldContain("\"totalCost\"");

            var json = await _fixture.RunAsync("report", "usage", "--by", by, "--json", "--tz", zone);
            var csv = await _fixture.RunAsync("report", "usage", "--by", by, "--csv", "--tz", zone);

            json.ExitCode.ShouldBe(0, json.Error);
            json.Out.ShouldBe(perRecordJson, $"--by {by} --tz {zone}");
            csv.Out.ShouldBe(perRecordCsv, $"--by {by} --tz {zone}");
        }
    }

    [Fact]
    public async Task ReportFromGroups_WithAPeriod_EqualsTheReportFoldedRecordByRecord()
    {
        await _fixture.WriteAsync(VariedRecords());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var (since, until) = ReportPeriod.ToUtcRange(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 29), zone);

        var (expected, _) = await PerRecordAsync(UsageGrouping.Day, zone, since, until);
        var actual = await _fixture.RunAsync("report", "usage", "--by", "day", "--json", "--tz", "Europe/Berlin", "--since", "2026-10-25", "--until", "2026-10-29");

        actual.ExitCode.ShouldBe(0, actual.Error);
        actual.Out.ShouldBe(expected);
    }

    // The report as the per-record fold gives it, rendered by the command's own views.
    private async Task<(string Json, string Csv)> PerRecordAsync(UsageGrouping grouping, TimeZoneInfo zone, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        await using var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(), CancellationToken.None);
        var aggregator = new UsageAggregator(grouping, zone, new Pricer(await PriceBookLoader.LoadAsync(store, CancellationToken.None)));
        var report = await aggregator.AddAllAsync(
            store.ReadUsageForReportAsync(new UsageFilter { Since = since, Until = until }, CancellationToken.None),
            CancellationToken.None);
        using var json = new StringWriter();
        UsageReportView.WriteJson(json, report);
        using var csv = new StringWriter();
        UsageReportView.WriteCsv(csv, report);
        return (json.ToString(), csv.ToString());
    }
}
