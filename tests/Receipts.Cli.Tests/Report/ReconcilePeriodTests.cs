using Receipts.Cli.Commands.Report;

namespace Receipts.Cli.Tests.Report;

/// <summary>`report reconcile --period`: the spelling of the period, a month or a range of UTC days.</summary>
public sealed class ReconcilePeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Period_Month_IsThatUtcMonth() =>
        ReportReconcileCommand.Period("2026-02", null, null, null, Now).ShouldBe((Utc(2026, 2, 1), Utc(2026, 3, 1)));

    [Fact]
    public void Period_RangeOfDays_IncludesTheLastDay() =>
        ReportReconcileCommand.Period("2026-11-01..2026-11-15", null, null, null, Now).ShouldBe((Utc(2026, 11, 1), Utc(2026, 11, 16)));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-11-15..2026-11-01")]
    [InlineData("2026-11-01..")]
    [InlineData("last week")]
    public void Period_Garbled_IsAUserErrorSayingHowToWriteIt(string period) =>
        Should.Throw<UserException>(() => ReportReconcileCommand.Period(period, null, null, null, Now));

    [Fact]
    public void Period_WithMonth_IsRefused() =>
        Should.Throw<UserException>(() => ReportReconcileCommand.Period("2026-11", "2026-11", null, null, Now)).Message.ShouldContain("--period");

    [Fact]
    public async Task Cli_PeriodRange_ReportsThoseDays()
    {
        var db = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"), "r.duckdb");
        var (code, output, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", db, "report", "reconcile", "--period", "2025-10-03..2025-10-09", "--json");

        // Not the default period (this month so far): the report's bounds are those days, the last one included.
        code.ShouldBe(0, error);
        output.ShouldContain("2025-10-03");
        output.ShouldContain("2025-10-10");
        output.ShouldNotContain("2025-10-01");
    }
}
