using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Focus;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Focus;

public sealed class FocusExporterTests
{
    private static UsageRecord Record(string id, int day, decimal? cost, CostBasis basis, string model = "claude-sonnet-4-5", string? workspace = "wrkspc_1") => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = model,
        Tokens = new TokenCounts(100, 20, 1000, 50, 5),
        Cost = cost,
        CostBasis = basis,
        Workspace = workspace,
        ApiKeyId = "apikey_1",
        Tool = "claude-code",
    };

    [Fact]
    public async Task Export_ThenImport_GivesBackTheSameTotalsPerCell()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        UsageRecord[] records =
        [
            Record("1", 2, 0.123456m, CostBasis.Estimated),
            Record("2", 2, 1.5m, CostBasis.Estimated),
            Record("3", 2, 2m, CostBasis.Billed, model: "claude-opus-4-7"),
            Record("4", 3, null, CostBasis.Unknown, workspace: null),
            Record("5", 31, 9.99m, CostBasis.Estimated),
            Record("6", 1, 100m, CostBasis.Estimated) with { At = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) },
        ];
        await temp.Store.WriteUsageAsync(records, [], CancellationToken.None);
        var file = Path.Combine(temp.Directory, "export.csv");
        var seen = new List<UsageCell>();
        var builder = new FocusRowBuilder(cell =>
        {
            seen.Add(cell);
            return cell.Model == "claude-opus-4-7" ? new FocusAttribution("payments", "checkout", 0.9m) : FocusAttribution.Unattributed;
        });

        int rows;
        await using (var writer = new StreamWriter(file))
        {
            rows = await new FocusExporter(temp.Store, builder).ExportAsync(
                new UsageFilter { Since = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) },
                writer,
                CancellationToken.None);
        }

        rows.ShouldBe(4); // (02, sonnet) (02, opus) (03, sonnet, no workspace) (31, sonnet); April left out
        seen.Count.ShouldBe(4);
        var csv = NaiveCsv.Read(file);
        csv.Count.ShouldBe(4);
        NaiveCsv.Sum(csv, "BilledCost").ShouldBe(0.123456m + 1.5m + 2m + 9.99m);
        csv.Single(r => r["SkuId"] == "claude-opus-4-7")["x_CostBasis"].ShouldBe("billed");
        csv.Single(r => r["ChargePeriodStart"] == "2026-03-02T00:00:00Z" && r["SkuId"] == "claude-sonnet-4-5")["x_CostBasis"].ShouldBe("estimated");
        csv.Single(r => r["ChargePeriodStart"] == "2026-03-03T00:00:00Z")["x_CostBasis"].ShouldBe("unknown");

        var import = await new FocusImporter(temp.Store, new FakeTimeProvider()).ImportAsync([file], null, CancellationToken.None);

        import.Files.ShouldHaveSingleItem().Version.ShouldBe("1.2");
        var lines = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        lines.Sum(l => l.Amount!.Value).ShouldBe(records.Take(5).Sum(r => r.Cost ?? 0m));
        lines.ShouldAllBe(l => l.Provider == "anthropic" && l.ServiceName == "Claude API");
        var opus = lines.Single(l => l.Model == "claude-opus-4-7");
        opus.Tokens.ShouldBe(new TokenCounts(100, 20, 1000, 50, 5));
        opus.Tags.ShouldBe(new Dictionary<string, string> { ["team"] = "payments", ["project"] = "checkout", ["confidence"] = "0.9" });
        lines.Single(l => l.Day == new DateOnly(2026, 3, 31)).Tags["team"].ShouldBe("unattributed");
        lines.Single(l => l.Day == new DateOnly(2026, 3, 2) && l.Model == "claude-sonnet-4-5").Tokens.ShouldBe(new TokenCounts(200, 40, 2000, 100, 10));
    }
}
