using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Billing;
using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Report;

/// <summary>
/// A store seeded so that every figure of the reconcile report is known by construction: a test model priced at
/// exactly $1 per million input tokens, usage on a mapped key, billing that exceeds it by 10¢, a billed key nobody
/// observed, a day observed but not billed, a per-request bill, and lines the report must leave out.
/// </summary>
public sealed class ReportReconcileCommandTests : IDisposable
{
    private const string Model = "acme-test-1";

    private readonly UsageStoreFixture _fixture = new();

    private Dictionary<string, string?> Variables => new()
    {
        ["RECEIPTS_DB"] = _fixture.DbPath,
        ["RECEIPTS_CONFIG"] = Path.Combine(_fixture.Folder, "receipts.yaml"),
    };

    [Fact]
    public async Task Reconcile_ByKey_ShowsBilledObservedDriftAndTheUnmatched()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--month", "2026-11", "--by", "key", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var total = json.RootElement.GetProperty("total");
        // Billed: the November cost-report lines (1.10 + 2.00) and the per-request bill (0.25); not October's, not the estimate.
        Dec(total, "billed").ShouldBe(1.10m + 2.00m + 0.25m);
        Dec(total, "observed").ShouldBe(1.00m + 0.50m + 0.25m);
        Dec(total, "drift").ShouldBe(0.10m);
        Dec(total, "billedNotObserved").ShouldBe(2.00m);
        Dec(total, "observedNotBilled").ShouldBe(0.50m);
        // No dollar twice: attributed + unattributed = billed + the estimates no bill covers.
        (Dec(total, "attributed") + Dec(total, "unattributed")).ShouldBe(Dec(total, "billed") + Dec(total, "observedNotBilled"));
        Dec(total, "attributed").ShouldBe(1.10m + 0.50m);

        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("group").GetString()!);
        var pay = rows["anthropic apikey:pay-prod"];
        Dec(pay, "billed").ShouldBe(1.10m);
        Dec(pay, "matchedObserved").ShouldBe(1.00m);
        Dec(pay, "observedNotBilled").ShouldBe(0.50m);
        Dec(pay, "driftShare").ShouldBe(decimal.Round(0.10m / 1.10m, 6));
        pay.GetProperty("status").GetString().ShouldBe("drift");
        var ghost = rows["anthropic apikey:k-ghost"];
        Dec(ghost, "billedNotObserved").ShouldBe(2.00m);
        Dec(ghost, "unattributed").ShouldBe(2.00m);
        ghost.GetProperty("status").GetString().ShouldBe("billed-not-observed");
        var unobserved = json.RootElement.GetProperty("billedNotObserved").EnumerateArray().Single();
        unobserved.GetProperty("keyId").GetString().ShouldBe("k-ghost");
        unobserved.GetProperty("day").GetString().ShouldBe("2026-11-04");
        var unbilled = json.RootElement.GetProperty("observedNotBilled").EnumerateArray().Single();
        unbilled.GetProperty("day").GetString().ShouldBe("2026-11-05");
        Dec(unbilled, "observed").ShouldBe(0.50m);
    }

    [Fact]
    public async Task Reconcile_ByTeam_SharesEachCellsDriftWithTheTeamsItReached()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--month", "2026-11", "--by", "team", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("group").GetString()!);
        rows.Keys.ShouldBe(["(unattributed)", "pay"], ignoreOrder: true);
        var pay = rows["pay"];
        Dec(pay, "billed").ShouldBe(1.10m);
        Dec(pay, "matchedObserved").ShouldBe(1.00m);
        Dec(pay, "observedNotBilled").ShouldBe(0.50m);
        Dec(pay, "attributed").ShouldBe(1.60m);
        var none = rows["(unattributed)"];
        Dec(none, "billedNotObserved").ShouldBe(2.00m);
        Dec(none, "matchedBilled").ShouldBe(0.25m);
        Dec(none, "unattributed").ShouldBe(2.25m);
        // The team rows and the cells agree on every dollar.
        rows.Values.Sum(r => Dec(r, "billed")).ShouldBe(Dec(json.RootElement.GetProperty("total"), "billed"));
    }

    [Fact]
    public async Task Reconcile_WiderTolerance_ClearsTheDriftFlag()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--month", "2026-11", "--by", "key", "--tolerance", "10", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var pay = json.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("group").GetString() == "anthropic apikey:pay-prod");
        pay.GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task Reconcile_ByDay_SplitsTheMonthByUtcDay()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--since", "2026-11-03", "--until", "2026-11-04", "--by", "day", "--csv");

        code.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("group,billed,observed,drift");
        lines.Select(l => l.Split(',')[0]).ShouldBe(["group", "2026-11-03", "2026-11-04", "total"]);
        var total = lines[^1].Split(',');
        decimal.Parse(total[1], CultureInfo.InvariantCulture).ShouldBe(3.10m);
        decimal.Parse(total[2], CultureInfo.InvariantCulture).ShouldBe(1.00m);
    }

    [Fact]
    public async Task Reconcile_Table_NamesTheUnobservedKey()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--month", "2026-11");

        code.ShouldBe(0, error);
        output.ShouldContain("Billed, not observed");
        output.ShouldContain("apikey:k-ghost");
        output.ShouldContain("$3.35");
    }

    [Fact]
    public async Task Reconcile_MonthWithSince_SaysHowToChoose()
    {
        var (code, _, error) = await CliRun.RunAsync(Variables, "report", "reconcile", "--month", "2026-11", "--since", "2026-11-01");

        code.ShouldBe(1);
        error.ShouldContain("--month cannot be combined");
    }

    [Fact]
    public async Task Reconcile_AfterImportingAFocusFile_BillsExactlyWhatTheFileSays()
    {
        await using (var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None))
        {
            await store.WritePricesAsync(
                [new ModelPrice { Model = Model, Provider = "anthropic", Standard = new TokenRates(0.000001m, 0.000001m, 0.000001m, 0.000001m, 0.000001m), EffectiveFrom = new DateOnly(2026, 1, 1), Source = "test" }],
                CancellationToken.None);
            // A transcript record and a telemetry record of the same account, on the billed days.
            await store.WriteUsageAsync(
                [Usage("t1", Day(3), 600_000) with { ApiKeyId = null, Account = "acct-7" }, Usage("o1", Day(3), 400_000) with { SourceKind = "otel", ApiKeyId = null, Account = "acct-7" }, Usage("t2", Day(4), 500_000) with { ApiKeyId = null, Account = "acct-7" }],
                [],
                CancellationToken.None);
        }

        var csv = Path.Combine(_fixture.Folder, "bill.csv");
        var lines = new[]
        {
            ("0.70", "acct-7", "2026-11-03"), ("0.45", "acct-7", "2026-11-03"), ("1.25", "acct-7", "2026-11-04"), ("3.00", "acct-9", "2026-11-03"),
        };
        await File.WriteAllLinesAsync(csv, lines.Select(l => $"{l.Item1},org-1,USD,2026-11-01T00:00:00Z,Usage,{l.Item3}T00:00:00Z,{l.Item3}T23:00:00Z,Anthropic,{l.Item2},{Model}")
            .Prepend("BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ProviderName,SubAccountId,x_Model"));
        var (importCode, _, importError) = await _fixture.RunAsync("import", "focus", csv);
        importCode.ShouldBe(0, importError);

        var (code, output, error) = await _fixture.RunAsync("report", "reconcile", "--month", "2026-11", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var total = json.RootElement.GetProperty("total");
        Dec(total, "billed").ShouldBe(lines.Sum(l => decimal.Parse(l.Item1, CultureInfo.InvariantCulture)));
        Dec(total, "observed").ShouldBe(1.00m + 0.50m);
        Dec(total, "matchedBilled").ShouldBe(0.70m + 0.45m + 1.25m);
        Dec(total, "drift").ShouldBe(0.70m + 0.45m + 1.25m - 1.50m);
        Dec(total, "billedNotObserved").ShouldBe(3.00m);
        (Dec(total, "attributed") + Dec(total, "unattributed")).ShouldBe(Dec(total, "billed"));
        json.RootElement.GetProperty("billedNotObserved").EnumerateArray().Single().GetProperty("keyId").GetString().ShouldBe("acct-9");
    }

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(Variables["RECEIPTS_CONFIG"]!, "teams:\n  pay: {}\nprojects:\n  payments: { team: pay, key_aliases: [pay-prod] }\n");
        await using var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        await store.WritePricesAsync(
            [new ModelPrice { Model = Model, Provider = "anthropic", Standard = new TokenRates(0.000001m, 0.000001m, 0.000001m, 0.000001m, 0.000001m), EffectiveFrom = new DateOnly(2026, 1, 1), Source = "test" }],
            CancellationToken.None);
        await store.WriteUsageAsync(
        [
            Usage("u1", Day(3), 600_000),
            Usage("u2", Day(3), 400_000),
            Usage("u3", Day(5), 500_000),
            new UsageRecord
            {
                Id = "or-1", SourceKind = "openrouter", At = Day(5), Provider = "openrouter", Model = "anthropic/claude-sonnet-4.5",
                Tokens = new TokenCounts(100, 10, 0, 0, 0), Cost = 0.25m, CostBasis = CostBasis.Billed,
            },
        ],
        [],
        CancellationToken.None);
        BillingLine Line(string id, DateTimeOffset day, string key, decimal amount, CostBasis basis = CostBasis.Billed, string dataset = "cost_report") => new()
        {
            Id = id, Source = "anthropic", Dataset = dataset, Provider = "anthropic", PeriodStart = day, PeriodEnd = day.AddDays(1),
            IdentityKind = BillingIdentityKind.ApiKey, IdentityId = key, Model = Model, Amount = amount, Basis = basis,
        };
        await store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new BillingScope("anthropic", "cost_report"), new BillingScope("anthropic", "claude_code")],
                Lines = new[]
                {
                    Line("b1", Day(3), "k-pay", 0.60m),
                    Line("b2", Day(3), "k-pay", 0.50m),
                    Line("b3", Day(4), "k-ghost", 2.00m),
                    Line("b4", new DateTimeOffset(2026, 10, 30, 0, 0, 0, TimeSpan.Zero), "k-pay", 5.00m),
                    Line("b5", Day(5), "k-pay", 9.00m, CostBasis.Estimated, "claude_code"),
                }.ToAsyncEnumerable(),
                Identities = [new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "k-pay", Name = "pay-prod" }],
            },
            CancellationToken.None);
    }

    private static DateTimeOffset Day(int day) => new(2026, 11, day, 10, 0, 0, TimeSpan.Zero);

    private static UsageRecord Usage(string id, DateTimeOffset at, long input) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = at,
        Provider = "anthropic",
        Model = Model,
        Tokens = new TokenCounts(input, 0, 0, 0, 0),
        ApiKeyId = "k-pay",
        ApiKeyAlias = "pay-prod",
        SessionId = "s-" + id,
    };

    public void Dispose() => _fixture.Dispose();
}
