using System.Globalization;
using System.Text.Json;

namespace Receipts.Cli.Tests.Report;

/// <summary>
/// Bedrock end to end: an AWS FOCUS export (Bedrock lines of one usage account, the model only in the usage type,
/// SKU and resource ARN) and that account's invocation logs are imported with the CLI, and reconcile puts both
/// in one cell: the bill is spread over the logged requests and the drift is the bill minus their estimate.
/// </summary>
public sealed class ReportReconcileBedrockTests : IDisposable
{
    private const string Account = "123456789012";

    // Built-in price of claude-sonnet-4-5 (requests under 200k input tokens): $3 per million input, $15 per million output.
    private const decimal Observed = (150_000 * 3m + 20_000 * 15m + 100_000 * 3m + 10_000 * 15m) / 1_000_000;

    private static readonly (string Amount, string UsageType, string Resource)[] Lines =
    [
        ("1.10", "USE1-Claude4.5Sonnet-input-tokens", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("0.35", "USE1-Claude4.5Sonnet-output-tokens", ""),
        ("0.01", "USE1-Claude4.5Sonnet-cache-read-input-token-count", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ];

    private readonly UsageStoreFixture _fixture = new();

    [Fact]
    public async Task Reconcile_ByProvider_SpreadsTheBedrockBillOverTheLoggedRequests()
    {
        await ImportAsync();

        var (code, output, error) = await _fixture.RunAsync("report", "reconcile", "--month", "2026-11", "--by", "provider", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var billed = Lines.Sum(l => decimal.Parse(l.Amount, CultureInfo.InvariantCulture));
        var total = json.RootElement.GetProperty("total");
        Dec(total, "billed").ShouldBe(billed);
        Dec(total, "observed").ShouldBe(Observed);
        Dec(total, "matchedBilled").ShouldBe(billed);
        Dec(total, "drift").ShouldBe(billed - Observed);
        Dec(total, "billedNotObserved").ShouldBe(0m);
        Dec(total, "observedNotBilled").ShouldBe(0m);
        json.RootElement.GetProperty("billedNotObserved").GetArrayLength().ShouldBe(0);
        var aws = json.RootElement.GetProperty("rows").EnumerateArray().Single();
        aws.GetProperty("group").GetString().ShouldBe("aws");
        Dec(aws, "billed").ShouldBe(billed);
        Dec(aws, "matchedObserved").ShouldBe(Observed);
    }

    [Fact]
    public async Task Reconcile_ByKey_PutsTheLinesAndTheLogsOfTheAccountInOneCell()
    {
        await ImportAsync();

        var (code, output, error) = await _fixture.RunAsync("report", "reconcile", "--month", "2026-11", "--by", "key", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("rows").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("group").GetString()!.ShouldContain(Account);
        Dec(row, "billed").ShouldBe(1.46m);
        Dec(row, "matchedObserved").ShouldBe(Observed);
        Dec(row, "billedNotObserved").ShouldBe(0m);
        row.GetProperty("status").GetString().ShouldBe("drift");
    }

    private async Task ImportAsync()
    {
        // An AWS FOCUS export: the payer is the billing account, the account the model ran in is the sub-account.
        var csv = Path.Combine(_fixture.Folder, "aws-focus.csv");
        await File.WriteAllLinesAsync(csv, Lines.Select(l =>
                $"{l.Amount},111122223333,USD,2026-11-01T00:00:00Z,Usage,2026-11-03T00:00:00Z,2026-11-04T00:00:00Z,AWS,Amazon Bedrock,{Account},checkout-prod,{l.UsageType},{l.UsageType},AmazonBedrock,{l.Resource}")
            .Prepend("BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SubAccountId,SubAccountName,SkuId,x_UsageType,x_ServiceCode,ResourceId"));
        var (focusCode, _, focusError) = await _fixture.RunAsync("import", "focus", csv);
        focusCode.ShouldBe(0, focusError);

        // The same account's invocation logs on that UTC day: one through a US inference profile, one on the base model.
        var logs = Path.Combine(_fixture.Folder, "bedrock.jsonl");
        await File.WriteAllLinesAsync(logs,
        [
            Log("req-1", "2026-11-03T09:15:00Z", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", 150_000, 20_000),
            Log("req-2", "2026-11-03T23:59:00Z", "anthropic.claude-sonnet-4-5-20250929-v1:0", 100_000, 10_000),
        ]);
        var (logCode, _, logError) = await _fixture.RunAsync("import", "bedrock-logs", logs);
        logCode.ShouldBe(0, logError);
    }

    private static string Log(string requestId, string at, string model, long input, long output) =>
        $$$"""{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"{{{at}}}","accountId":"{{{Account}}}","region":"us-east-1","requestId":"{{{requestId}}}","operation":"Converse","modelId":"{{{model}}}","identity":{"arn":"arn:aws:sts::{{{Account}}}:assumed-role/checkout-svc/i-0abc"},"input":{"inputTokenCount":{{{input}}}},"output":{"outputTokenCount":{{{output}}}}}""";

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    public void Dispose() => _fixture.Dispose();
}
