using Receipts.Domain.Metrics;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Metrics;

public sealed class CpvoCalculatorTests
{
    private static readonly IsoWeek W47 = new(2026, 47);
    private static readonly DateTimeOffset Monday47 = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    private static SpendItem S(string id, DateTimeOffset at, decimal? amount, string? project, string? team, bool billed = false, string? branch = null) => new()
    {
        RecordId = id,
        At = at,
        Model = "claude-sonnet-4-5",
        Project = project,
        Team = team,
        Amount = amount,
        Billed = billed,
        Repo = "github.com/acme/pay",
        Branch = branch,
        Tokens = new TokenCounts(10, 5, 0, 0, 0),
    };

    private static ChangeOutcome C(string id, DateTimeOffset merged, OutcomeStatus status, string project, string team, string? branch = null, params string[] reasons) => new()
    {
        Repo = "github.com/acme/pay",
        Id = id,
        MergedAt = merged,
        Status = status,
        Project = project,
        Team = team,
        HeadBranch = branch,
        Reasons = reasons,
    };

    [Fact]
    public void Calculate_OneWeek_CountsSpendOutcomesAndShares()
    {
        SpendItem[] spend =
        [
            S("a", Monday47, 30m, "pay-api", "payments", billed: true, branch: "feat/1"),
            S("b", Monday47.AddDays(1), 10m, "pay-api", "payments", branch: "feat/2"),
            S("c", Monday47.AddDays(2), null, "pay-api", "payments"),
            S("d", Monday47, 5m, null, null),
        ];
        ChangeOutcome[] outcomes =
        [
            C("#1", Monday47.AddDays(3), OutcomeStatus.Verified, "pay-api", "payments", "feat/1"),
            C("#2", Monday47.AddDays(3), OutcomeStatus.Disqualified, "pay-api", "payments", "feat/2", "revert", "hotfix"),
            C("#3", Monday47.AddDays(3), OutcomeStatus.Verified, "pay-api", "payments"),
            C("#4", Monday47.AddDays(4), OutcomeStatus.Pending, "pay-api", "payments"),
        ];

        var report = CpvoCalculator.Calculate(spend, outcomes, new CpvoOptions { LastWeek = W47, Weeks = 1, BandOfTeam = new Dictionary<string, string> { ["payments"] = "weekly" } });

        var row = report.Rows.Single(r => r.Group == "payments");
        row.Week.ShouldBe("2026-W47");
        row.Band.ShouldBe("weekly");
        row.Spend.ShouldBe(40m);
        row.Tokens.Input.ShouldBe(30);
        row.UnpricedRecords.ShouldBe(1);
        (row.Attempted, row.Verified, row.Disqualified, row.Pending).ShouldBe((3, 2, 1, 1));
        row.DisqualifiedBy.ShouldBe(new Dictionary<string, int> { ["revert"] = 1, ["hotfix"] = 1 }, ignoreOrder: true);
        row.VerifiedShare.ShouldBe(2m / 3m);
        row.Cpvo.ShouldBe(20m);
        row.EstimatedShare.ShouldBe(10m / 40m);
        row.LinkedShare.ShouldBe(1m);
        row.CostPerChange.ShouldBe(new Distribution(20m, 28m, 30m, 2));
        report.Rows.Single(r => r.Group == CpvoCalculator.Unattributed).Spend.ShouldBe(5m);
    }

    [Fact]
    public void Calculate_Cordon_LeftOutOfBothSides_WithShareAndWarning()
    {
        SpendItem[] spend = [S("a", Monday47, 60m, "lab", "research"), S("b", Monday47, 40m, "pay-api", "payments")];
        ChangeOutcome[] outcomes = [C("#1", Monday47, OutcomeStatus.Verified, "lab", "research")];

        var report = CpvoCalculator.Calculate(spend, outcomes, new CpvoOptions { LastWeek = W47, Weeks = 1, Cordoned = new HashSet<string> { "lab" } });

        report.Rows.ShouldAllBe(r => r.Group != "research");
        report.CordonSpend.ShouldBe(60m);
        report.CordonShare.ShouldBe(0.6m);
        report.CordonWarning.ShouldBeTrue();
    }

    [Fact]
    public void Calculate_NoVerified_CpvoIsNull_NotZeroOrInfinite()
    {
        var report = CpvoCalculator.Calculate([S("a", Monday47, 9m, "p", "t")], [], new CpvoOptions { LastWeek = W47, Weeks = 2, GroupBy = CpvoGrouping.Project });

        var row = report.Rows.Single();
        row.Group.ShouldBe("p");
        row.Cpvo.ShouldBeNull();
        row.VerifiedShare.ShouldBeNull();
        report.Weeks.ShouldBe(["2026-W46", "2026-W47"]);
    }

    [Theory]
    [InlineData(5, 5, 10, 20, 0.9, 0.9, TrendVerdict.PayingOff)]
    [InlineData(5, 5, 20, 20, 0.7, 0.9, TrendVerdict.NotPayingOff)]
    [InlineData(5, 5, 25, 20, 0.8, 0.9, TrendVerdict.NotPayingOff)]
    [InlineData(5, 5, 10, 20, 0.5, 0.9, TrendVerdict.Mixed)]
    [InlineData(2, 5, 10, 20, 0.9, 0.9, TrendVerdict.NotEnoughData)]
    public void Verdict_ReadsBothSignals(int verified, int prevVerified, double cpvo, double prevCpvo, double share, double prevShare, TrendVerdict expected)
    {
        CpvoCalculator.Verdict(verified, prevVerified, (decimal)cpvo, (decimal)prevCpvo, (decimal)share, (decimal)prevShare, 3).ShouldBe(expected);
    }

    [Fact]
    public void Calculate_Trend_ComparesThisQuarterWithTheLast()
    {
        var q3 = new DateTimeOffset(2026, 8, 5, 12, 0, 0, TimeSpan.Zero);
        var spend = new List<SpendItem> { S("q3", q3, 400m, "p", "t"), S("q4", Monday47, 150m, "p", "t") };
        var outcomes = Enumerable.Range(0, 4).Select(i => C("a" + i, q3, OutcomeStatus.Verified, "p", "t"))
            .Concat(Enumerable.Range(0, 5).Select(i => C("b" + i, Monday47, OutcomeStatus.Verified, "p", "t")))
            .ToList();

        var report = CpvoCalculator.Calculate(spend, outcomes, new CpvoOptions { LastWeek = W47, Weeks = 4 }, trend: true);

        var t = report.Trends.Single();
        (t.Quarter, t.PreviousQuarter).ShouldBe(("2026-Q4", "2026-Q3"));
        t.Cpvo.ShouldBe(30m);
        t.PreviousCpvo.ShouldBe(100m);
        t.Verdict.ShouldBe(TrendVerdict.PayingOff);
        report.Rows.ShouldAllBe(r => r.Week.CompareTo("2026-W44") >= 0);
    }
}
