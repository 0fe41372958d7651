using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Receipts.Domain.Metrics;
using Shouldly;

namespace Receipts.Dashboard.Tests;

[Collection(DashboardTestGroup.Name)]
public sealed class DashboardTests(DemoFixture demo)
{
    private static readonly string[] ChartIds = ["chart-spend", "chart-outcomes", "chart-share", "chart-cpvo"];

    private DashboardServer Server => demo.Server;

    [Fact]
    public async Task Home_AfterLogin_DrawsTheFourChartsWithTheNumbersOfTheCpvoReport()
    {
        var page = await demo.NewPageAsync();
        await page.GotoAsync(Server.Address.ToString());
        page.Url.ShouldContain("/login");
        await Browser.LoginAsync(page, Server.Address, Server.ReadToken);
        await page.WaitForSelectorAsync("body[data-charts=drawn]");
        var asOf = DateTimeOffset.Parse((await page.GetAttributeAsync("#snapshot-status", "data-as-of"))!, CultureInfo.InvariantCulture);
        (await page.TextContentAsync("#computed-at"))!.ShouldNotBeEmpty();

        // The same period through the CLI's own service, on a copy of the store the server never touched.
        var expected = await Server.ExpectedCpvoAsync(13, asOf);
        expected.Report.Rows.Count.ShouldBeGreaterThan(10, "the demo should give the charts something to draw");
        var charts = await page.EvaluateAsync<JsonElement>(
            """
            ids => ids.map(id => {
              const c = Chart.getChart(document.getElementById(id));
              return { labels: [...c.data.labels], drawn: c.chartArea.width > 100 && c.chartArea.height > 100,
                       datasets: c.data.datasets.map(d => ({ team: d.team, kind: d.kind, data: [...d.data] })) };
            })
            """,
            ChartIds);
        for (var i = 0; i < ChartIds.Length; i++)
        {
            charts[i].GetProperty("drawn").GetBoolean().ShouldBeTrue(ChartIds[i] + " has no plot area");
            charts[i].GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(expected.Report.Weeks);
        }

        double? Point(int chart, string team, string kind, string week)
        {
            var set = charts[chart].GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("team").GetString() == team && d.GetProperty("kind").GetString() == kind);
            var value = set.GetProperty("data")[expected.Report.Weeks.ToList().IndexOf(week)];
            return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
        }

        foreach (var r in expected.Report.Rows)
        {
            Point(0, r.Group, "spend", r.Week)!.Value.ShouldBe((double)decimal.Round(r.Spend, 2), 0.0001, $"dollars of {r.Group} in {r.Week}");
            Point(1, r.Group, "verified", r.Week).ShouldBe(r.Verified, $"verified of {r.Group} in {r.Week}");
            Point(1, r.Group, "disqualified", r.Week).ShouldBe(r.Disqualified, $"disqualified of {r.Group} in {r.Week}");
            Point(1, r.Group, "pending", r.Week).ShouldBe(r.Pending, $"pending of {r.Group} in {r.Week}");
            Point(2, r.Group, "share", r.Week).ShouldBe(r.VerifiedShare is { } share ? (double)decimal.Round(share * 100, 2) : null, $"verified share of {r.Group} in {r.Week}");
            Point(3, r.Group, "cpvo", r.Week).ShouldBe(r.Cpvo is { } cpvo ? (double)decimal.Round(cpvo, 2) : null, $"CPVO of {r.Group} in {r.Week}");
        }

        var teams = expected.Report.Rows.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal).ToList();
        charts[3].GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("team").GetString()!).Order(StringComparer.Ordinal).ShouldBe(teams);

        // The board line sums this quarter from the same report.
        var year = await Server.ExpectedCpvoAsync(27, asOf);
        var quarter = IsoWeek.Parse(year.Report.Weeks[^1]).Quarter;
        var inQuarter = year.Report.Rows.Where(r => IsoWeek.Parse(r.Week).Quarter == quarter).ToList();
        var headline = (await page.TextContentAsync("#headline"))!;
        headline.ShouldStartWith($"This quarter ({quarter}): {Browser.Money(inQuarter.Sum(r => r.Spend))}, {inQuarter.Sum(r => r.Verified)} verified outcomes, CPVO ");
        headline.ShouldContain("verified share");
        await Browser.ScreenshotAsync(page, "home");

        var dark = await demo.NewPageAsync("dark");
        await Browser.LoginAsync(dark, Server.Address, Server.ReadToken);
        await dark.WaitForSelectorAsync("body[data-charts=drawn]");
        (await dark.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--scheme').trim()")).ShouldBe("dark");
        await Browser.ScreenshotAsync(dark, "home-dark");
        await dark.ClickAsync("#theme-toggle");
        (await dark.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--scheme').trim()")).ShouldBe("light");
    }

    [Fact]
    public async Task Filters_LiveInTheQueryString_SoAFilteredViewIsAPermalink()
    {
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, Server.Address, Server.ReadToken);
        await page.WaitForSelectorAsync("body[data-charts=drawn]");
        var team = (await Browser.TableAsync(page, "weekly")).Skip(1).Select(r => r[0]).First(t => t != CpvoCalculator.Unattributed);
        await page.SelectOptionAsync("select[name=weeks]", "4");
        await page.SelectOptionAsync("select[name=team]", team);
        await page.ClickAsync("#filters button[type=submit]");
        await page.WaitForSelectorAsync("body[data-charts=drawn]");
        page.Url.ShouldContain("weeks=4");
        page.Url.ShouldContain("team=" + Uri.EscapeDataString(team));
        var labels = await page.EvaluateAsync<string[]>("() => [...Chart.getChart(document.getElementById('chart-cpvo')).data.labels]");
        labels.Length.ShouldBe(4);
        var teams = await page.EvaluateAsync<string[]>("() => Chart.getChart(document.getElementById('chart-cpvo')).data.datasets.map(d => d.team)");
        teams.ShouldBe([team]);

        // The same URL in a new tab shows the same view.
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync(page.Url);
        await again.WaitForSelectorAsync("body[data-charts=drawn]");
        (await again.EvaluateAsync<string[]>("() => Chart.getChart(document.getElementById('chart-cpvo')).data.datasets.map(d => d.team)")).ShouldBe([team]);
    }

    [Fact]
    public async Task DrillDown_FromATeamToAChange_ShowsItsCostSessionsStatusAndReasons()
    {
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, Server.Address, Server.ReadToken);
        await page.WaitForSelectorAsync("body[data-charts=drawn]");
        var asOf = DateTimeOffset.Parse((await page.GetAttributeAsync("#snapshot-status", "data-as-of"))!, CultureInfo.InvariantCulture);
        var expected = await Server.ExpectedCpvoAsync(13, asOf);
        var links = ChangeCostLinker.Link(expected.Outcomes, expected.Ledger.Items);

        // Team: the busiest team with changes that have linked spend.
        var team = expected.Outcomes.Where(o => o.Team is not null && links.CostOf(o) is not null).GroupBy(o => o.Team!).OrderByDescending(g => g.Count()).First().Key;
        await page.ClickAsync($"table[data-table=weekly] a:text-is('{team}')");
        await page.WaitForURLAsync("**/teams/**");
        (await page.TextContentAsync("h1"))!.ShouldBe("Team " + team);
        (await Browser.TableAsync(page, "projects")).Count.ShouldBeGreaterThan(1);
        (await Browser.TableAsync(page, "people")).Count.ShouldBeGreaterThan(1);
        (await Browser.FactAsync(page, "Cost per change (median)")).ShouldStartWith("$");
        (await Browser.TableAsync(page, "long-tail")).Count.ShouldBeGreaterThan(1, "the long tail lists the changes at or above p90");
        await Browser.ScreenshotAsync(page, "team");

        // Project, then a change with linked spend.
        var project = (await Browser.TableAsync(page, "projects"))[1][0];
        await page.ClickAsync($"table[data-table=projects] a:text-is('{project}')");
        await page.WaitForURLAsync("**/projects/**");
        await Browser.ScreenshotAsync(page, "project");
        var changes = await Browser.TableAsync(page, "changes");
        var row = changes.Skip(1).First(r => r[^1].StartsWith('$'));
        await page.ClickAsync($"table[data-table=changes] a:text-is('{row[0]}')");
        await page.WaitForURLAsync("**/change?**");
        var outcome = expected.Outcomes.Single(o => o.Id == row[0] && o.Repo == row[1]);
        (await Browser.FactAsync(page, "Cost")).ShouldBe(Browser.Money(links.CostOf(outcome)!.Value));
        (await Browser.FactAsync(page, "Status")).ShouldBe(outcome.Status.ToString().ToLowerInvariant());
        (await Browser.FactAsync(page, "Reasons")).ShouldNotBeEmpty();
        var sessions = await Browser.TableAsync(page, "sessions");
        sessions.Count.ShouldBeGreaterThan(1, "a change with linked spend lists the sessions it came from");
        sessions.Skip(1).Sum(r => Browser.Money(r[3])).ShouldBe(links.CostOf(outcome)!.Value, 0.01m * sessions.Count, "the sessions' linked dollars add up to the change's cost");
        await Browser.ScreenshotAsync(page, "change");

        await page.ClickAsync("table[data-table=sessions] tbody a >> nth=0");
        await page.WaitForURLAsync("**/sessions/**");
        (await Browser.TableAsync(page, "changes")).Skip(1).Select(r => r[0]).ShouldContain(outcome.Id);
        await Browser.ScreenshotAsync(page, "session");

        // A person from the session page's breadcrumb.
        var person = await Browser.FactAsync(page, "Person");
        await page.ClickAsync($".crumbs a:text-is('Person {person}')");
        await page.WaitForURLAsync("**/people/**");
        (await Browser.TableAsync(page, "sessions")).Count.ShouldBeGreaterThan(1);
        await Browser.ScreenshotAsync(page, "person");
    }

    [Fact]
    public async Task EveryTable_ExportsAsCsv_WithTheRowsItShows()
    {
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, Server.Address, Server.ReadToken);
        var checkedTables = 0;
        foreach (var path in new[] { "/", "/spend", "/attribution", "/reconciliation" })
        {
            await page.GotoAsync(new Uri(Server.Address, path).ToString());
            await Browser.ScreenshotAsync(page, path == "/" ? "home-tables" : path.Trim('/'));
            var ids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('table[data-table]')].map(t => t.dataset.table)");
            foreach (var id in ids)
            {
                var shown = await Browser.TableAsync(page, id);
                var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"#table-{id} a.csv"));
                var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
                var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                lines[0].ShouldBe(string.Join(',', shown[0].Select(h => h.Contains(',', StringComparison.Ordinal) ? $"\"{h}\"" : h)), $"{path} {id}");
                lines.Length.ShouldBe(shown.Count, $"{path} {id}: one CSV line per row shown");
                checkedTables++;
            }
        }

        checkedTables.ShouldBeGreaterThanOrEqualTo(10);

        // The weekly CSV carries the report's own values (six decimals, like `report cpvo --csv`).
        await page.GotoAsync(Server.Address.ToString());
        var asOf = DateTimeOffset.Parse((await page.GetAttributeAsync("#snapshot-status", "data-as-of"))!, CultureInfo.InvariantCulture);
        var expected = await Server.ExpectedCpvoAsync(13, asOf);
        var weekly = await page.Context.APIRequest.GetAsync(new Uri(Server.Address, "/?format=csv&table=weekly").ToString());
        weekly.Status.ShouldBe(200);
        weekly.Headers["content-type"].ShouldStartWith("text/csv");
        var spendByCell = (await weekly.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(c => (c[0], c[2]), c => decimal.Parse(c[3], CultureInfo.InvariantCulture));
        foreach (var r in expected.Report.Rows)
        {
            spendByCell[(r.Group, r.Week)].ShouldBe(decimal.Round(r.Spend, 6));
        }
    }

    [Fact]
    public async Task Login_GoesBackToThePageAsked_ButNeverToAnotherSite()
    {
        var page = await demo.NewPageAsync();
        await page.GotoAsync(new Uri(Server.Address, "/spend?weeks=4").ToString());
        await page.FillAsync("#token", Server.ReadToken);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync("**/spend?weeks=4");

        var other = await demo.NewPageAsync();
        await other.GotoAsync(new Uri(Server.Address, "/login?next=//example.com/steal").ToString());
        await other.FillAsync("#token", Server.ReadToken);
        await other.ClickAsync("#login");
        await other.WaitForSelectorAsync("body[data-charts=drawn]");
        new Uri(other.Url).Host.ShouldBe(Server.Address.Host);
        new Uri(other.Url).AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public async Task WrongOrMissingToken_NeverShowsData()
    {
        var page = await demo.NewPageAsync();
        foreach (var path in new[] { "/", "/teams/payments", "/attribution", "/spend", "/reconciliation" })
        {
            await page.GotoAsync(new Uri(Server.Address, path).ToString());
            page.Url.ShouldContain("/login?next=");
            (await page.ContentAsync()).ShouldNotContain("chart-data");
            (await page.QuerySelectorAllAsync("table")).Count.ShouldBe(0);
        }

        var csv = await page.Context.APIRequest.GetAsync(new Uri(Server.Address, "/?format=csv&table=weekly").ToString());
        csv.Status.ShouldBe(401);
        (await csv.TextAsync()).ShouldNotContain("2026-W");
        var status = await page.Context.APIRequest.GetAsync(new Uri(Server.Address, "/dashboard/api/status").ToString());
        status.Status.ShouldBe(401);

        await Browser.LoginAsync(page, Server.Address, "rcpt_" + new string('x', 43));
        page.Url.ShouldContain("/login");
        (await page.TextContentAsync("#login-error"))!.ShouldContain("Unknown token");
        await Browser.ScreenshotAsync(page, "login-error");
        await Browser.LoginAsync(page, Server.Address, Server.IngestToken);
        (await page.TextContentAsync("#login-error"))!.ShouldContain("ingest scope");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "receipts_dashboard");

        // A forged cookie is no better than none.
        await page.Context.AddCookiesAsync([new Cookie { Name = "receipts_dashboard", Value = "rcpt_forged", Url = Server.Address.ToString() }]);
        (await page.Context.APIRequest.GetAsync(new Uri(Server.Address, "/?format=csv&table=weekly").ToString())).Status.ShouldBe(401);

        await page.Context.ClearCookiesAsync();
        await Browser.LoginAsync(page, Server.Address, Server.ReadToken);
        await page.WaitForSelectorAsync("body[data-charts=drawn]");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "receipts_dashboard");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Secure.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);
        (await page.EvaluateAsync<string>("() => document.cookie")).ShouldNotContain("receipts_dashboard");

        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync(Server.Address.ToString());
        page.Url.ShouldContain("/login");
    }
}
