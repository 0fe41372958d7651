using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Cli.Tests.Prices;

public sealed class PricesCommandTests : IDisposable
{
    private const string PriceFile =
        """
        {
            "sample_spec": {
                "input_cost_per_token": 0.0,
                "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
                "output_cost_per_token": 0.0
            },
            "dall-e-3": {
                "litellm_provider": "openai",
                "mode": "image_generation",
                "output_cost_per_image": 0.04
            },
            "claude-sonnet-4-5": {
                "cache_creation_input_token_cost": 5e-06,
                "cache_read_input_token_cost": 4e-07,
                "input_cost_per_token": 4e-06,
                "litellm_provider": "anthropic",
                "mode": "chat",
                "output_cost_per_token": 2e-05
            },
            "mystery-model": {
                "input_cost_per_token": 1e-06,
                "litellm_provider": "openai",
                "mode": "chat",
                "output_cost_per_token": 2e-06
            }
        }
        """;

    private readonly UsageStoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_fixture.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_ThenList_MarksImportedAndOverriddenPrices()
    {
        var file = WriteFile("prices.json", PriceFile);

        var (code, output, _) = await _fixture.RunAsync("prices", "import", file);
        var list = JsonDocument.Parse((await _fixture.RunAsync("prices", "list", "--json")).Out).RootElement.GetProperty("prices").EnumerateArray().ToList();

        code.ShouldBe(0);
        output.ShouldContain("Imported 2 prices from prices.json (2 new, 0 updated). Skipped 1 keys that are not models and 1 entries without token prices.");
        var sonnet = list.Single(p => p.GetProperty("model").GetString() == "claude-sonnet-4-5");
        sonnet.GetProperty("origin").GetString().ShouldBe("imported");
        sonnet.GetProperty("overridesBuiltIn").GetBoolean().ShouldBeTrue();
        sonnet.GetProperty("standard").GetProperty("input").GetDecimal().ShouldBe(4m);
        sonnet.GetProperty("source").GetString().ShouldBe("LiteLLM import: prices.json");
        var mystery = list.Single(p => p.GetProperty("model").GetString() == "mystery-model");
        mystery.GetProperty("overridesBuiltIn").GetBoolean().ShouldBeFalse();
        list.Single(p => p.GetProperty("model").GetString() == "claude-haiku-4-5").GetProperty("origin").GetString().ShouldBe("built-in");
    }

    [Fact]
    public async Task Import_AgainChanged_UpdatesAndTheReportUsesImportedPrices()
    {
        await _fixture.WriteAsync(
            UsageStoreFixture.Record("a", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), "claude-sonnet-4-5-20250929", new TokenCounts(100_000, 0, 0, 0, 0)),
            UsageStoreFixture.Record("b", new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero), "mystery-model", new TokenCounts(1_000_000, 1_000_000, 0, 0, 0)));
        var before = JsonDocument.Parse((await _fixture.RunAsync("report", "usage", "--json")).Out).RootElement.GetProperty("totals");

        await _fixture.RunAsync("prices", "import", WriteFile("prices.json", PriceFile));
        var (code, output, _) = await _fixture.RunAsync("prices", "import", WriteFile("prices2.json", PriceFile));
        var after = JsonDocument.Parse((await _fixture.RunAsync("report", "usage", "--json")).Out).RootElement.GetProperty("totals");

        code.ShouldBe(0);
        output.ShouldContain("(0 new, 2 updated)");

        // Built-in: 100,000 × $3/MTok, mystery unknown. Imported: 100,000 × $4/MTok + 1M × $1 + 1M × $2.
        before.GetProperty("totalCost").GetDecimal().ShouldBe(0.3m);
        before.GetProperty("costUnknown").GetBoolean().ShouldBeTrue();
        after.GetProperty("totalCost").GetDecimal().ShouldBe(0.4m + 1m + 2m);
        after.GetProperty("costUnknown").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Import_MalformedPrice_NamesModelAndField_AndWritesNothing()
    {
        var bad = PriceFile.Replace("\"output_cost_per_token\": 2e-06", "\"output_cost_per_token\": \"2e-06\"", StringComparison.Ordinal);

        var (code, _, error) = await _fixture.RunAsync("prices", "import", WriteFile("bad.json", bad));
        var list = JsonDocument.Parse((await _fixture.RunAsync("prices", "list", "--json")).Out).RootElement.GetProperty("prices").EnumerateArray();

        // The error console wraps long lines at 80 columns when it is not a terminal.
        var oneLine = System.Text.RegularExpressions.Regex.Replace(error, @"\s+", " ");
        code.ShouldBe(1);
        oneLine.ShouldContain("model \"mystery-model\", field \"output_cost_per_token\"");
        oneLine.ShouldContain("Nothing was imported");
        list.ShouldAllBe(p => p.GetProperty("origin").GetString() == "built-in");
    }

    [Fact]
    public async Task Import_MissingFile_IsAClearError()
    {
        var (code, _, error) = await _fixture.RunAsync("prices", "import", Path.Combine(_fixture.Folder, "nope.json"));

        code.ShouldBe(1);
        error.ShouldContain("Cannot read");
    }

    [Fact]
    public async Task List_Table_ShowsPerMillionRatesAndTheModelAnIdResolvesTo()
    {
        var (code, output, _) = await _fixture.RunAsync("prices", "list", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");

        code.ShouldBe(0);
        output.ShouldContain("claude-sonnet-4-5");
        output.ShouldContain("$3.00");
        output.ShouldContain("$6.00 / $22.50");
        output.ShouldContain("built-in");
        output.ShouldNotContain("claude-haiku-4-5");
    }

    [Fact]
    public async Task List_Csv_HasRawColumns()
    {
        var (code, output, _) = await _fixture.RunAsync("prices", "list", "gpt-4o-mini", "--csv");

        code.ShouldBe(0);
        var lines = output.TrimEnd('\n').Split('\n');
        lines[0].ShouldStartWith("model,provider,input_per_mtok,output_per_mtok,");
        lines[1].ShouldStartWith("gpt-4o-mini,openai,0.15,0.6,0.15,0.15,0.075,");
    }

    [Fact]
    public async Task List_UnknownFilter_SaysNothingMatches()
    {
        var (code, _, error) = await _fixture.RunAsync("prices", "list", "no-such-model");

        code.ShouldBe(1);
        error.ShouldContain("No price matches \"no-such-model\"");
    }
}
