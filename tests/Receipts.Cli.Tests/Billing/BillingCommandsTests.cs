using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Usage;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Billing;

public sealed class BillingCommandsTests : IDisposable
{
    private const string Header = "BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ProviderName,Tags";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-cli-tests", Guid.NewGuid().ToString("n"));

    public BillingCommandsTests() => Directory.CreateDirectory(_directory);

    private string Db => Path.Combine(_directory, "r.duckdb");

    private string File(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task ImportFocus_PrintsRowsPeriodAndDollars()
    {
        var csv = File("f.csv", $"""
            {Header}
            1.25,acct,USD,2026-03-01T00:00:00Z,Usage,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,AWS,"{"{"}""team"":""payments""{"}"}"
            2.50,acct,USD,2026-03-01T00:00:00Z,Credit,2026-03-04T00:00:00Z,2026-03-05T00:00:00Z,AWS,NULL
            """);

        var (code, output, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", Db, "import", "focus", csv, "--json");

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("rows").GetInt64().ShouldBe(2);
        json.RootElement.GetProperty("amounts").GetProperty("USD").GetDecimal().ShouldBe(3.75m);
        json.RootElement.GetProperty("from").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));

        var (again, table, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", Db, "import", "focus", csv);
        again.ShouldBe(0);
        table.ShouldContain("replaced");
        table.ShouldContain("3.75");
    }

    [Fact]
    public async Task ImportFocus_BadRow_FailsWithFileLineColumn()
    {
        var csv = File("bad.csv", $"""
            {Header}
            1.25,acct,USD,2026-03-01T00:00:00Z,Usage,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,AWS,
            1.25,acct,USD,2026-03-01T00:00:00Z,Usage,yesterday,2026-03-03T00:00:00Z,AWS,
            """);

        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", Db, "import", "focus", csv);

        code.ShouldBe(1);
        error.ShouldContain("bad.csv:3:ChargePeriodStart");
        error.ShouldContain("nothing was imported");
    }

    [Theory]
    [InlineData("anthropic", "ANTHROPIC_ADMIN_KEY")]
    [InlineData("openai", "OPENAI_ADMIN_KEY")]
    public async Task ImportApi_WithoutKey_NamesTheVariable(string source, string variable)
    {
        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", Db, "import", source);

        code.ShouldBe(1);
        error.ShouldContain($"{variable} is not set");
    }

    [Fact]
    public async Task ImportApi_BadSince_SaysHowToWriteIt()
    {
        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?> { ["ANTHROPIC_ADMIN_KEY"] = "k" }, "--db", Db, "import", "anthropic", "--since", "March");

        code.ShouldBe(1);
        error.ShouldContain("YYYY-MM-DD");
    }

    [Fact]
    public async Task ExportFocus_Month_WritesOneRowPerCell()
    {
        await using (var store = await DuckDbStore.OpenAsync(Db, new FakeTimeProvider(), CancellationToken.None))
        {
            UsageRecord R(string id, int month, decimal cost) => new()
            {
                Id = id,
                SourceKind = "claude-code",
                At = new DateTimeOffset(2026, month, 2, 9, 0, 0, TimeSpan.Zero),
                Provider = "anthropic",
                Model = "claude-sonnet-4-5",
                Tokens = new TokenCounts(10, 1, 0, 0, 0),
                Cost = cost,
                CostBasis = CostBasis.Estimated,
            };
            await store.WriteUsageAsync([R("a", 3, 1.10m), R("b", 3, 2.20m), R("c", 4, 9m)], [], CancellationToken.None);
        }

        var path = Path.Combine(_directory, "out.csv");
        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", Db, "export", "focus", "--period", "2026-03", "--out", path);

        code.ShouldBe(0);
        error.ShouldContain("Wrote 1 rows");
        var lines = System.IO.File.ReadAllLines(path);
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("BilledCost,BillingAccountId");
        decimal.Parse(lines[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(3.30m);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
