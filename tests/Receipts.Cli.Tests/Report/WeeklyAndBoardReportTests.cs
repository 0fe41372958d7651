using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Metrics;

namespace Receipts.Cli.Tests.Report;

/// <summary>
/// The weekly report and the board summary on the demo company: their numbers are checked against what
/// `report cpvo` and `report usage` print for the same period, run here as a user would run them.
/// </summary>
public sealed class WeeklyAndBoardReportTests(DemoStore demo) : IClassFixture<DemoStore>
{
    [Fact]
    public async Task Weekly_Json_EqualsTheCpvoAndUsageReportsOfTheSameWeek()
    {
        var weekly = await demo.RunAsync("report", "weekly", "--format", "json");
        weekly.ExitCode.ShouldBe(0, weekly.Error);
        using var doc = JsonDocument.Parse(weekly.Out);
        var root = doc.RootElement;

        // The CLI's clock says Monday 23 November 2026, noon: the last complete week is W47.
        root.GetProperty("week").GetString().ShouldBe("2026-W47");
        root.GetProperty("from").GetString().ShouldBe("2026-11-16");
        var asOf = root.GetProperty("as_of").GetString()!;
        asOf.ShouldBe("2026-11-22T23:59:59.9999999Z");

        var cpvo = await demo.RunAsync("report", "cpvo", "--json", "--trend", "--as-of", asOf);
        cpvo.ExitCode.ShouldBe(0, cpvo.Error);
        using var cpvoDoc = JsonDocument.Parse(cpvo.Out);
        var rows = cpvoDoc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        decimal Spend(string week, string team) => rows.Where(r => r.GetProperty("week").GetString() == week && r.GetProperty("team").GetString() == team).Sum(r => r.GetProperty("spend").GetDecimal());

        var teams = root.GetProperty("teams").EnumerateArray().ToList();
        teams.Count.ShouldBeGreaterThan(2);
        foreach (var team in teams)
        {
            var name = team.GetProperty("team").GetString()!;
            team.GetProperty("spend").GetDecimal().ShouldBe(Spend("2026-W47", name), name);
            team.GetProperty("previous_spend").GetDecimal().ShouldBe(Spend("2026-W46", name), name);
            var row = rows.SingleOrDefault(r => r.GetProperty("week").GetString() == "2026-W47" && r.GetProperty("team").GetString() == name);
            if (row.ValueKind == JsonValueKind.Object)
            {
                team.GetProperty("verified").GetInt32().ShouldBe(row.GetProperty("verified").GetInt32());
                team.GetProperty("pending").GetInt32().ShouldBe(row.GetProperty("pending").GetInt32());
                Nullable(team.GetProperty("cpvo")).ShouldBe(Nullable(row.GetProperty("cpvo")));
            }
        }

        root.GetProperty("total_spend").GetDecimal().ShouldBe(rows.Where(r => r.GetProperty("week").GetString() == "2026-W47").Sum(r => r.GetProperty("spend").GetDecimal()), 0.00001m);
        root.GetProperty("total_spend").GetDecimal().ShouldBeGreaterThan(0m);

        // The eight-week trend: every week's spend, outcomes, verified share and CPVO over all teams.
        var trend = root.GetProperty("trend").EnumerateArray().ToList();
        trend.Select(t => t.GetProperty("week").GetString()).ShouldBe(cpvoDoc.RootElement.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()));
        trend.Sum(t => t.GetProperty("verified").GetInt32()).ShouldBeGreaterThan(0);
        foreach (var week in trend)
        {
            var of = rows.Where(r => r.GetProperty("week").GetString() == week.GetProperty("week").GetString()).ToList();
            var verified = of.Sum(r => r.GetProperty("verified").GetInt32());
            var attempted = of.Sum(r => r.GetProperty("attempted").GetInt32());
            var spend = of.Sum(r => r.GetProperty("spend").GetDecimal());
            week.GetProperty("spend").GetDecimal().ShouldBe(spend, 0.00001m);
            week.GetProperty("verified").GetInt32().ShouldBe(verified);
            week.GetProperty("attempted").GetInt32().ShouldBe(attempted);
            Nullable(week.GetProperty("verified_share")).ShouldBe(attempted == 0 ? null : decimal.Round((decimal)verified / attempted, 6));
            if (verified == 0)
            {
                Nullable(week.GetProperty("cpvo")).ShouldBeNull();
            }
            else
            {
                week.GetProperty("cpvo").GetDecimal().ShouldBe(spend / verified, 0.00001m);
            }
        }

        // The quarter trend is the CPVO report's, team by team.
        var quarter = cpvoDoc.RootElement.GetProperty("trend").EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!);
        root.GetProperty("quarter_trend").GetArrayLength().ShouldBe(quarter.Count);
        foreach (var t in root.GetProperty("quarter_trend").EnumerateArray())
        {
            var other = quarter[t.GetProperty("team").GetString()!];
            Nullable(t.GetProperty("cpvo")).ShouldBe(Nullable(other.GetProperty("cpvo")));
            Nullable(t.GetProperty("verified_share")).ShouldBe(Nullable(other.GetProperty("verifiedShare")));
            t.GetProperty("verdict").GetString().ShouldBe(other.GetProperty("verdict").GetString());
        }

        // Coverage and cordon of the week alone: the CPVO report over one week.
        var one = await demo.RunAsync("report", "cpvo", "--json", "--weeks", "1", "--as-of", asOf);
        one.ExitCode.ShouldBe(0, one.Error);
        using var oneDoc = JsonDocument.Parse(one.Out);
        Nullable(root.GetProperty("attribution").GetProperty("coverage")).ShouldBe(Nullable(oneDoc.RootElement.GetProperty("coverage")));
        root.GetProperty("cordon").GetProperty("spend").GetDecimal().ShouldBe(oneDoc.RootElement.GetProperty("cordon").GetProperty("spend").GetDecimal());
        Nullable(root.GetProperty("cordon").GetProperty("share")).ShouldBe(Nullable(oneDoc.RootElement.GetProperty("cordon").GetProperty("share")));

        // Tokens and list cost: the usage report by week over the same days.
        var usage = await demo.RunAsync("report", "usage", "--by", "week", "--since", "2026-11-16", "--until", "2026-11-22", "--tz", "UTC", "--json");
        usage.ExitCode.ShouldBe(0, usage.Error);
        using var usageDoc = JsonDocument.Parse(usage.Out);
        var usageWeek = usageDoc.RootElement.GetProperty("weekly")[0];
        usageWeek.GetProperty("week").GetString().ShouldBe("2026-W47");
        var mine = root.GetProperty("usage");
        mine.GetProperty("list_cost").GetDecimal().ShouldBe(usageWeek.GetProperty("totalCost").GetDecimal(), 0.000001m);
        mine.GetProperty("input_tokens").GetInt64().ShouldBe(usageWeek.GetProperty("inputTokens").GetInt64());
        mine.GetProperty("output_tokens").GetInt64().ShouldBe(usageWeek.GetProperty("outputTokens").GetInt64());
        mine.GetProperty("cache_read_tokens").GetInt64().ShouldBe(usageWeek.GetProperty("cacheReadTokens").GetInt64());
        mine.GetProperty("total_tokens").GetInt64().ShouldBe(usageWeek.GetProperty("totalTokens").GetInt64());

        // Top projects: the project CPVO rows of the week, biggest first.
        var byProject = await demo.RunAsync("report", "cpvo", "--json", "--by", "project", "--as-of", asOf);
        using var projectDoc = JsonDocument.Parse(byProject.Out);
        var projectRows = projectDoc.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("week").GetString() == "2026-W47").ToList();
        var top = root.GetProperty("top_projects").EnumerateArray().ToList();
        top.Count.ShouldBeInRange(1, 5);
        foreach (var p in top.Where(p => !p.GetProperty("cordoned").GetBoolean()))
        {
            p.GetProperty("spend").GetDecimal().ShouldBe(projectRows.Single(r => r.GetProperty("project").GetString() == p.GetProperty("name").GetString()).GetProperty("spend").GetDecimal());
        }

        top.Select(p => p.GetProperty("spend").GetDecimal()).ShouldBeInOrder(SortDirection.Descending);
        root.GetProperty("cost_per_call_rises").GetProperty("test").GetString()!.ShouldContain("Mann-Whitney");
    }

    [Fact]
    public async Task Weekly_MarkdownAndHtml_HaveEverySectionAndTheHtmlIsSelfContained()
    {
        var md = await demo.RunAsync("report", "weekly", "--week", "2026-W46");
        md.ExitCode.ShouldBe(0, md.Error);
        foreach (var heading in new[] { "# Receipts weekly report 2026-W46", "## Spend by team", "## Top projects", "## Top workflows", "## Cost per call rising", "## Dev/test traffic on production keys", "## Anomalies", "## Budgets", "## CPVO and verified share", "## Attribution and cordon" })
        {
            md.Out.ShouldContain(heading);
        }

        md.Out.ShouldContain("Mann–Whitney");

        var file = Path.Combine(Path.GetTempPath(), $"weekly-{Guid.NewGuid():n}.html");
        try
        {
            var html = await demo.RunAsync("report", "weekly", "--week", "2026-W46", "--format", "html", "--out", file);
            html.ExitCode.ShouldBe(0, html.Error);
            html.Out.ShouldBeEmpty();
            var page = await File.ReadAllTextAsync(file);
            page.ShouldStartWith("<!DOCTYPE html>");
            page.ShouldContain("style=\"");
            page.ShouldNotContain("<script", Case.Insensitive);
            page.ShouldNotContain("<link", Case.Insensitive);
            page.ShouldNotContain("<style", Case.Insensitive);
            page.ShouldNotContain("src=\"http", Case.Insensitive);
            page.ShouldContain("Spend by team");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Board_Json_EqualsTheCpvoTrendOfTheSameWeeks()
    {
        var board = await demo.RunAsync("report", "board", "--quarter", "2026-Q4", "--format", "json");
        board.ExitCode.ShouldBe(0, board.Error);
        using var doc = JsonDocument.Parse(board.Out);
        var root = doc.RootElement;
        root.GetProperty("quarter").GetString().ShouldBe("2026-Q4");
        root.GetProperty("previous_quarter").GetString().ShouldBe("2026-Q3");
        root.GetProperty("to_date").GetBoolean().ShouldBeTrue();
        var asOf = root.GetProperty("as_of").GetString()!;
        var first = IsoWeek.Parse(root.GetProperty("first_week").GetString()!);
        var last = IsoWeek.Parse(root.GetProperty("last_week").GetString()!);
        var quarterWeeks = ((last.Monday.DayNumber - first.Monday.DayNumber) / 7) + 1;
        var previousFirst = first.AddWeeks(-13);
        var allWeeks = ((last.Monday.DayNumber - previousFirst.Monday.DayNumber) / 7) + 1;

        var cpvo = await demo.RunAsync("report", "cpvo", "--json", "--trend", "--as-of", asOf, "--weeks", allWeeks.ToString(CultureInfo.InvariantCulture));
        cpvo.ExitCode.ShouldBe(0, cpvo.Error);
        using var cpvoDoc = JsonDocument.Parse(cpvo.Out);
        var trend = cpvoDoc.RootElement.GetProperty("trend").EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!);
        var rows = cpvoDoc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        trend.Count.ShouldBeGreaterThan(2);
        foreach (var team in root.GetProperty("teams").EnumerateArray())
        {
            var name = team.GetProperty("team").GetString()!;
            var inQuarter = rows.Where(r => r.GetProperty("team").GetString() == name && IsoWeek.Parse(r.GetProperty("week").GetString()!) >= first).ToList();
            team.GetProperty("spend").GetDecimal().ShouldBe(inQuarter.Sum(r => r.GetProperty("spend").GetDecimal()), 0.00001m, name);
            team.GetProperty("verified").GetInt32().ShouldBe(inQuarter.Sum(r => r.GetProperty("verified").GetInt32()), name);
            if (trend.TryGetValue(name, out var t))
            {
                Nullable(team.GetProperty("cpvo")).ShouldBe(Nullable(t.GetProperty("cpvo")), name);
                Nullable(team.GetProperty("previous_cpvo")).ShouldBe(Nullable(t.GetProperty("previousCpvo")), name);
                Nullable(team.GetProperty("verified_share")).ShouldBe(Nullable(t.GetProperty("verifiedShare")), name);
                team.GetProperty("previous_verified").GetInt32().ShouldBe(t.GetProperty("previousVerified").GetInt32(), name);
                team.GetProperty("verdict").GetString().ShouldBe(t.GetProperty("verdict").GetString(), name);
            }
        }

        root.GetProperty("total").GetProperty("verified").GetInt32().ShouldBeGreaterThan(0);
        var current = await demo.RunAsync("report", "cpvo", "--json", "--as-of", asOf, "--weeks", quarterWeeks.ToString(CultureInfo.InvariantCulture));
        using var currentDoc = JsonDocument.Parse(current.Out);
        Nullable(root.GetProperty("coverage")).ShouldBe(Nullable(currentDoc.RootElement.GetProperty("coverage")));
        Nullable(root.GetProperty("cordon").GetProperty("share")).ShouldBe(Nullable(currentDoc.RootElement.GetProperty("cordon").GetProperty("share")));
        root.GetProperty("cordon").GetProperty("share").GetDecimal().ShouldBeGreaterThan(0m);

        var md = await demo.RunAsync("report", "board", "--quarter", "2026-Q4");
        md.ExitCode.ShouldBe(0, md.Error);
        md.Out.ShouldContain("What AI spend bought: 2026-Q4 to date");
        md.Out.ShouldContain("| Team |");
    }

    [Fact]
    public async Task Weekly_BadWeek_IsAUserErrorWithAHint()
    {
        var result = await demo.RunAsync("report", "weekly", "--week", "47");
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("2026-W47");
    }

    private static decimal? Nullable(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDecimal();
}
