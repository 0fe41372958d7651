using Shouldly;

namespace Receipts.Dashboard.Tests;

[Collection(DashboardTestGroup.Name)]
public sealed class AttributionFixTests(DemoFixture demo)
{
    [Fact]
    public async Task FixingADisagreement_RecordsACorrection_AndTheNumbersMove()
    {
        // Its own server and store: the correction must not move the numbers other tests compare.
        await using var server = await DashboardServer.StartAsync(demo, "fix");
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, server.Address, server.AdminToken, "/attribution");
        page.Url.ShouldEndWith("/attribution");
        var before = await Browser.TableAsync(page, "coverage");
        var correctedBefore = before.Skip(1).Where(r => r[0] == "correction").Sum(r => Browser.Money(r[3]));
        var queueBefore = int.Parse(await Browser.FactAsync(page, "Disagreements"), System.Globalization.CultureInfo.InvariantCulture);
        queueBefore.ShouldBeGreaterThan(0, "the demo company has disagreements to fix");
        await Browser.ScreenshotAsync(page, "attribution-before");

        // A cross-site form (no antiforgery token) is refused before anything is recorded.
        var forged = await page.Context.APIRequest.PostAsync(new Uri(server.Address, "/attribution/fix").ToString(), new()
        {
            Form = page.Context.APIRequest.CreateFormData().Set("target", "session").Set("value", "x").Set("project", "pay-api").Set("reason", "forged"),
        });
        forged.Status.ShouldBe(400);

        var form = page.Locator("form.fix").First;
        var session = await form.Locator("input[name=value]").InputValueAsync();
        var current = await form.Locator("select[name=project]").InputValueAsync();
        var options = await form.Locator("select[name=project] option").AllTextContentsAsync();
        var target = options.First(o => o != current);
        var projectBefore = await ProjectSpendAsync(page, server, target);
        var version = (await server.StatusAsync()).GetProperty("version").GetInt64();

        await form.Locator("select[name=project]").SelectOptionAsync(target);
        await form.Locator("input[name=reason]").FillAsync("the ticket in the branch name is the real work");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/attribution?fixed=**");
        await server.WaitForSnapshotAsync(version);

        await page.GotoAsync(new Uri(server.Address, "/attribution").ToString());
        var correctedAfter = (await Browser.TableAsync(page, "coverage")).Skip(1).Where(r => r[0] == "correction").Sum(r => Browser.Money(r[3]));
        correctedAfter.ShouldBeGreaterThan(correctedBefore, "the session's dollars are now placed by a correction");
        (await page.Locator("form.fix input[name=value]").EvaluateAllAsync<string[]>("els => els.map(e => e.value)")).ShouldNotContain(session);
        int.Parse(await Browser.FactAsync(page, "Disagreements"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(queueBefore);
        await Browser.ScreenshotAsync(page, "attribution-after");

        var projectAfter = await ProjectSpendAsync(page, server, target);
        projectAfter.ShouldBeGreaterThan(projectBefore, $"{target} now carries the session's dollars");
    }

    [Fact]
    public async Task FixingASessionFromItsPage_MovesItToTheChosenProject()
    {
        await using var server = await DashboardServer.StartAsync(demo, "fix-session");
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, server.Address, server.AdminToken, "/spend");
        var person = (await Browser.TableAsync(page, "people"))[1][0];
        await page.ClickAsync($"table[data-table=people] a:text-is('{person}')");
        await page.WaitForURLAsync("**/people/**");
        await page.ClickAsync("table[data-table=sessions] tbody a >> nth=0");
        await page.WaitForURLAsync("**/sessions/**");
        var before = await Browser.FactAsync(page, "Project");
        var target = (await page.Locator("form.fix select[name=project] option").AllTextContentsAsync()).First(p => p != before);
        var version = (await server.StatusAsync()).GetProperty("version").GetInt64();
        await page.Locator("form.fix select[name=project]").SelectOptionAsync(target);
        await page.Locator("form.fix input[name=reason]").FillAsync("pairing session for the other team");
        await page.Locator("form.fix button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/sessions/**fixed=**");
        (await page.TextContentAsync("#notice"))!.ShouldContain("Correction recorded");
        await server.WaitForSnapshotAsync(version);
        await page.ReloadAsync();
        (await Browser.FactAsync(page, "Project")).ShouldBe(target);
        await Browser.ScreenshotAsync(page, "session-fixed");
    }

    [Fact]
    public async Task AReadToken_SeesTheQueue_ButCannotFix()
    {
        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, demo.Server.Address, demo.Server.ReadToken, "/attribution");
        (await page.Locator("form.fix").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("form.fix button[type=submit]").First.IsDisabledAsync()).ShouldBeTrue();
        (await page.TextContentAsync("#fixes .note"))!.ShouldContain("admin scope");
    }

    private static async Task<decimal> ProjectSpendAsync(Microsoft.Playwright.IPage page, DashboardServer server, string project)
    {
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(new Uri(server.Address, "/projects/" + Uri.EscapeDataString(project) + "?weeks=26").ToString());
        var spend = Browser.Money(await Browser.FactAsync(other, "Spend"));
        await other.CloseAsync();
        return spend;
    }
}
