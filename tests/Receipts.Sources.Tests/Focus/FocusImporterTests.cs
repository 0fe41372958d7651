using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Billing;
using Receipts.Domain.Usage;
using Receipts.Sources.Focus;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Focus;

public sealed class FocusImporterTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    internal static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "focus", name);

    private static async Task<List<BillingLine>> LinesAsync(TempBillingStore temp) =>
        await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();

    [Fact]
    public async Task Import_Focus10Sample_StoresEveryRowWithTheFilesTotals()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var path = Data("focus-1.0-sample.csv");
        var expected = NaiveCsv.Read(path);

        var summary = await new FocusImporter(temp.Store, Time).ImportAsync([path], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        lines.Count.ShouldBe(expected.Count);
        summary.Rows.ShouldBe(expected.Count);
        summary.Files.ShouldHaveSingleItem().Version.ShouldBe("1.0");
        lines.Sum(l => l.Amount!.Value).ShouldBe(NaiveCsv.Sum(expected, "BilledCost"));
        lines.Sum(l => l.EffectiveAmount ?? 0m).ShouldBe(NaiveCsv.Sum(expected, "EffectiveCost"));
        lines.Sum(l => l.ListAmount ?? 0m).ShouldBe(NaiveCsv.Sum(expected, "ListCost"));
        summary.Amounts["USD"].ShouldBe(NaiveCsv.Sum(expected, "BilledCost"));
        lines.Select(l => l.Provider).Distinct().Order().ShouldBe(expected.Select(r => r["ProviderName"].ToLowerInvariant()).Distinct().Order());
        lines.Count(l => l.ChargeCategory == "Credit").ShouldBe(expected.Count(r => r["ChargeCategory"] == "Credit"));
        lines.Count(l => l.ChargeCategory == "Adjustment").ShouldBe(expected.Count(r => r["ChargeCategory"] == "Adjustment"));
        lines.Count(l => l.Tags.Count > 0).ShouldBe(expected.Count(r => r["Tags"] is not ("" or "NULL")));
        lines.ShouldAllBe(l => l.Basis == CostBasis.Billed && l.Source == "focus");

        var tagged = expected.First(r => r["Tags"].Contains("application", StringComparison.Ordinal));
        var line = lines.First(l => l.Description == tagged["ChargeDescription"] && l.Tags.Count > 0);
        line.Tags["application"].ShouldBe(System.Text.Json.JsonDocument.Parse(tagged["Tags"]).RootElement.GetProperty("application").GetString());
        line.PeriodStart.ShouldBe(DateTimeOffset.Parse(tagged["ChargePeriodStart"] + "Z", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("focus-1.1-bedrock.csv", "1.1")]
    [InlineData("focus-1.2-azure-openai.csv", "1.2")]
    [InlineData("focus-1.3-marketplace.csv", "1.3")]
    public async Task Import_EachFocusVersion_MatchesTheFilesTotals(string file, string version)
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var path = Data(file);
        var expected = NaiveCsv.Read(path);

        var summary = await new FocusImporter(temp.Store, Time).ImportAsync([path], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        summary.Files.ShouldHaveSingleItem().Version.ShouldBe(version);
        lines.Count.ShouldBe(expected.Count);
        lines.Sum(l => l.Amount!.Value).ShouldBe(NaiveCsv.Sum(expected, "BilledCost"));
        lines.Sum(l => l.EffectiveAmount ?? 0m).ShouldBe(NaiveCsv.Sum(expected, "EffectiveCost"));
        lines.Select(l => l.Currency).Distinct().ShouldBe(expected.Select(r => r["BillingCurrency"]).Distinct());
    }

    [Fact]
    public async Task Import_Focus13_ReadsServiceProviderNameTokensAndCustomColumns()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        await new FocusImporter(temp.Store, Time).ImportAsync([Data("focus-1.3-marketplace.csv")], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        lines.ShouldAllBe(l => l.Provider == "anthropic"); // ServiceProviderName, not the deprecated ProviderName
        var usage = lines.Single(l => l.ChargeCategory == "Usage");
        usage.Model.ShouldBe("claude-opus-4-7");
        usage.Tokens.ShouldBe(new TokenCounts(1_000_000, 200_000, 3_000_000, 50_000, 0));
        usage.IdentityKind.ShouldBe(BillingIdentityKind.Account);
        usage.IdentityId.ShouldBe("proj-ml");
        usage.IdentityAlias.ShouldBe("ml-research");
        usage.Tags.ShouldBe(new Dictionary<string, string> { ["team"] = "research", ["env"] = "prod" });
        usage.Attributes["x_InputTokens"].ShouldBe("1000000");
        lines.Select(l => l.ChargeCategory).Order().ShouldBe(["Adjustment", "Purchase", "Refund", "Usage"]);
        lines.Single(l => l.ChargeCategory == "Adjustment").IdentityKind.ShouldBe(BillingIdentityKind.Organisation);
    }

    [Fact]
    public async Task Import_Focus11_NormalisesCaseAndKeepsNonStringTagValues()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        await new FocusImporter(temp.Store, Time).ImportAsync([Data("focus-1.1-bedrock.csv")], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        lines.Count(l => l.ChargeCategory == "Usage").ShouldBe(4); // "usage" counts as Usage
        var input = lines.Single(l => l.Sku == "USE1-Claude4.6Sonnet-input-tokens");
        input.Tags["cost-center"].ShouldBe("4711");
        input.ServiceName.ShouldBe("Amazon Bedrock");
        input.Quantity.ShouldBe(1_200_000m);
        input.Day.ShouldBe(new DateOnly(2026, 3, 2));
        // Bedrock lines meet the invocation logs: the usage account as a workspace, the model from the usage type.
        input.Provider.ShouldBe("aws");
        input.IdentityKind.ShouldBe(BillingIdentityKind.Workspace);
        input.IdentityId.ShouldBe("444455556666");
        lines.Where(l => l.ChargeCategory == "Usage").ShouldAllBe(l => l.Model == "claude-sonnet-4-6");
        lines.Single(l => l.ChargeCategory == "Credit").Model.ShouldBeNull();
        lines.Single(l => l.Attributes.GetValueOrDefault("ChargeClass") == "Correction").Tags["valueless"].ShouldBe("true");
    }

    [Fact]
    public async Task Import_Focus12WithoutTags_HasEmptyTagsAndKeepsXColumns()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        await new FocusImporter(temp.Store, Time).ImportAsync([Data("focus-1.2-azure-openai.csv")], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        lines.ShouldAllBe(l => l.Tags.Count == 0 && l.Currency == "EUR" && l.Provider == "microsoft");
        lines.Where(l => l.ChargeCategory == "Usage").ShouldAllBe(l => l.Model == "gpt-5" && l.Attributes["x_Deployment"] == "chat-prod");
        lines.Single(l => l.ChargeCategory == "Tax").Amount.ShouldBe(0.99m);
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothing()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var importer = new FocusImporter(temp.Store, Time);
        string[] files = [Data("focus-1.0-sample.csv"), Data("focus-1.3-marketplace.csv")];
        await importer.ImportAsync(files, null, CancellationToken.None);
        var first = await LinesAsync(temp);

        var again = await importer.ImportAsync(files, null, CancellationToken.None);

        var second = await LinesAsync(temp);
        second.Count.ShouldBe(first.Count);
        second.Select(l => l.Id).Order().ShouldBe(first.Select(l => l.Id).Order());
        second.Sum(l => l.Amount!.Value).ShouldBe(first.Sum(l => l.Amount!.Value));
        again.Replaced.ShouldBe(first.Count);
    }

    [Fact]
    public async Task Import_ReissuedBillingPeriod_ReplacesTheOldRowsOfThatPeriodOnly()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var importer = new FocusImporter(temp.Store, Time);
        await importer.ImportAsync([Data("focus-1.1-bedrock.csv"), Data("focus-1.2-azure-openai.csv")], null, CancellationToken.None);
        var reissued = Path.Combine(temp.Directory, "bedrock-reissued.csv");
        var text = File.ReadAllLines(Data("focus-1.1-bedrock.csv"));
        await File.WriteAllLinesAsync(reissued, text.Take(3)); // the same month, two rows left

        await importer.ImportAsync([reissued], null, CancellationToken.None);

        var lines = await LinesAsync(temp);
        lines.Count(l => l.Provider == "aws").ShouldBe(2);
        lines.Count(l => l.Provider == "microsoft").ShouldBe(3);
    }

    [Fact]
    public async Task Import_BadRow_SaysFileLineAndColumnAndWritesNothing()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var importer = new FocusImporter(temp.Store, Time);
        await importer.ImportAsync([Data("focus-1.2-azure-openai.csv")], null, CancellationToken.None);
        var bad = Path.Combine(temp.Directory, "bad.csv");
        var rows = File.ReadAllLines(Data("focus-1.1-bedrock.csv"));
        rows[3] = rows[3].Replace("1.50,", "1.5O,", StringComparison.Ordinal); // letter O in line 4's BilledCost
        await File.WriteAllLinesAsync(bad, rows);

        var error = await Should.ThrowAsync<FocusFormatException>(() => importer.ImportAsync([Data("focus-1.3-marketplace.csv"), bad], null, CancellationToken.None));

        error.Message.ShouldContain("bad.csv:4:BilledCost");
        var lines = await LinesAsync(temp);
        lines.Count.ShouldBe(3); // only the earlier import; the good first file of the failed run is not written either
        lines.ShouldAllBe(l => l.Provider == "microsoft");
    }

    [Fact]
    public async Task Import_MissingMandatoryColumn_NamesIt()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var bad = Path.Combine(temp.Directory, "nocost.csv");
        await File.WriteAllTextAsync(bad, "BillingCurrency,ProviderName\nUSD,AWS\n");

        var error = await Should.ThrowAsync<FocusFormatException>(() => new FocusImporter(temp.Store, Time).ImportAsync([bad], null, CancellationToken.None));

        error.Message.ShouldContain("nocost.csv:1:");
        error.Message.ShouldContain("BilledCost");
    }

    [Fact]
    public async Task Import_Parquet_MatchesTheCsvItWasWrittenFrom()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var csv = Data("focus-1.1-bedrock.csv");
        var parquet = Path.Combine(temp.Directory, "bedrock.parquet");
        await FocusParquet.WriteAsync(csv, parquet);

        var summary = await new FocusImporter(temp.Store, Time).ImportAsync([parquet], null, CancellationToken.None);

        var expected = NaiveCsv.Read(csv);
        var lines = await LinesAsync(temp);
        summary.Rows.ShouldBe(expected.Count);
        lines.Sum(l => l.Amount!.Value).ShouldBe(NaiveCsv.Sum(expected, "BilledCost"));
        lines.Count(l => l.Tags.Count > 0).ShouldBe(expected.Count(r => r["Tags"] is not ("" or "NULL")));
        lines.Single(l => l.Sku == "USE1-Claude4.6Sonnet-input-tokens").Tags["team"].ShouldBe("payments");
        lines.Min(l => l.PeriodStart).ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
