using System.Globalization;
using Receipts.Domain.Billing;
using Receipts.Domain.Reconciliation;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Shouldly;

namespace Receipts.Dashboard.Tests;

[Collection(DashboardTestGroup.Name)]
public sealed class ReconciliationTests(DemoFixture demo)
{
    [Fact]
    public async Task BilledCells_ShowBilledObservedAndDrift_PerProviderAndKey()
    {
        // The demo has no bill: invoice its three largest recent cells at 10% over the price-book estimate.
        var now = TimeProvider.System.GetUtcNow();
        List<CellSummary> billedCells = [];
        await using var server = await DashboardServer.StartAsync(demo, "recon", async store =>
        {
            var cells = (await DashboardServer.ExpectedCellsAsync(demo, now))
                .Where(c => c.Cell.Day >= DateOnly.FromDateTime(now.UtcDateTime.AddDays(-28)))
                .OrderByDescending(c => c.Observed).Take(3).ToList();
            billedCells = cells;
            var lines = cells.Select(c => new BillingLine
            {
                Id = "bill-" + c.Cell,
                Source = "test",
                Dataset = "usage",
                Provider = c.Cell.Provider,
                PeriodStart = new DateTimeOffset(c.Cell.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                PeriodEnd = new DateTimeOffset(c.Cell.Day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                IdentityKind = BillingIdentityKind.Organisation,
                IdentityId = c.Cell.IdentityId,
                Model = c.Cell.Model,
                Amount = decimal.Round(c.Observed * 1.1m, 2),
                Basis = CostBasis.Billed,
            }).ToList();
            await ((IBillingStore)store.Usage).WriteBillingAsync(new BillingWrite { Scopes = [new BillingScope("test", "usage")], Lines = lines.ToAsyncEnumerable() }, CancellationToken.None);
        });
        billedCells.Count.ShouldBe(3);
        billedCells.ShouldAllBe(c => c.Cell.IdentityKind == IdentityKind.Organisation, "the demo's records carry no key, so their cells are the organisation's");

        var page = await demo.NewPageAsync();
        await Browser.LoginAsync(page, server.Address, server.ReadToken, "/reconciliation");
        var providers = await Browser.TableAsync(page, "providers");
        var anthropic = providers.Single(r => r[0] == "anthropic");
        var billed = billedCells.Sum(c => decimal.Round(c.Observed * 1.1m, 2));
        Browser.Money(anthropic[1]).ShouldBe(billed);
        var observed = billedCells.Sum(c => c.Observed);
        Browser.Money(anthropic[2]).ShouldBe(decimal.Round(observed, 2));
        anthropic[3].ShouldBe(((billed - observed) / billed).ToString("0.0%", CultureInfo.InvariantCulture), "drift (B − O) / B over the billed cells");
        var keys = await Browser.TableAsync(page, "keys");
        Browser.Money(keys.Single(r => r[0] == "anthropic organisation:org")[1]).ShouldBe(billed);
        await Browser.ScreenshotAsync(page, "reconciliation-billed");
    }
}
