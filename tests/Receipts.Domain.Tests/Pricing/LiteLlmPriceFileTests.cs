using Receipts.Domain.Pricing;

namespace Receipts.Domain.Tests.Pricing;

public sealed class LiteLlmPriceFileTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static LiteLlmParseResult ParseSample() =>
        LiteLlmPriceFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pricing", "TestData", "litellm-prices.json")), Today, "litellm import");

    private static LiteLlmParseResult ParseEntry(string key, string body) =>
        LiteLlmPriceFile.Parse($$"""{"sample_spec": {"input_cost_per_token": 0.0}, "ok-model": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}, "{{key}}": {{body}} }""", Today, "t");

    [Fact]
    public void Parse_RealShape_ReadsPerTokenPricesExactly()
    {
        var result = ParseSample();

        result.Succeeded.ShouldBeTrue();
        var sonnet = result.Prices.Single(p => p.Model == "claude-sonnet-4-5");
        sonnet.Provider.ShouldBe("anthropic");
        sonnet.Standard.ShouldBe(new TokenRates(0.000003m, 0.000015m, 0.00000375m, 0.000006m, 0.0000003m));
        sonnet.Above200k.ShouldBe(new TokenRates(0.000006m, 0.0000225m, 0.0000075m, 0.000012m, 0.0000006m));
        sonnet.WebSearchPerRequest.ShouldBe(0.01m);
        sonnet.Batch.ShouldBe(sonnet.Standard.Scale(0.5m));
        sonnet.EffectiveFrom.ShouldBe(Today);
        sonnet.Source.ShouldBe("litellm import");
    }

    [Fact]
    public void Parse_SkipsNonModelKeysAndEntriesWithoutTokenPrices_AndCountsThem()
    {
        var result = ParseSample();

        // sample_spec; the image model and the embedding model have no input+output token prices.
        result.SkippedNonModel.ShouldBe(1);
        result.SkippedUnpriced.ShouldBe(2);
        result.Prices.Select(p => p.Model).Order(StringComparer.Ordinal).ShouldBe(
            ["claude-acme-9", "claude-opus-4-6", "claude-sonnet-4-5", "gpt-4o", "gpt-5", "us.anthropic.claude-haiku-7-20270101-v1:0"]);
    }

    [Fact]
    public void Parse_ReadsTiersAndMultipliers()
    {
        var prices = ParseSample().Prices.ToDictionary(p => p.Model);

        prices["gpt-4o"].Batch.ShouldBe(new TokenRates(0.00000125m, 0.000005m, 0.00000125m, 0.00000125m, 0.000000625m));
        prices["gpt-4o"].Priority!.CacheRead.ShouldBe(0.000002125m);
        prices["gpt-4o"].Priority!.Output.ShouldBe(0.000017m);
        prices["gpt-5"].Flex.ShouldBe(new TokenRates(0.000000625m, 0.000005m, 0.000000625m, 0.000000625m, 0.0000000625m));
        prices["claude-opus-4-6"].UsGeoMultiplier.ShouldBe(1.1m);
        prices["claude-opus-4-6"].FastMultiplier.ShouldBe(6.0m);
        prices["claude-opus-4-6"].Above200k.ShouldBeNull();
    }

    [Fact]
    public void Parse_MissingCacheRates_DefaultLikeCcusageForClaude()
    {
        var acme = ParseSample().Prices.Single(p => p.Model == "claude-acme-9");

        // input $2/MTok: 5m write 1.25×, 1h write 2×, read 0.1×.
        acme.Standard.ShouldBe(new TokenRates(0.000002m, 0.00001m, 0.0000025m, 0.000004m, 0.0000002m));
    }

    [Fact]
    public void Parse_ImportedDecoratedKey_PricesTheBareModelId()
    {
        var book = new PriceBook(ParseSample().Prices);

        book.Find("claude-haiku-7")!.Model.ShouldBe("us.anthropic.claude-haiku-7-20270101-v1:0");
    }

    [Fact]
    public void Parse_TextWherePriceExpected_RefusesTheFile_NamingKeyAndField()
    {
        var result = ParseEntry("claude-bad", """{"input_cost_per_token": "3e-06", "output_cost_per_token": 1e-05}""");

        result.Succeeded.ShouldBeFalse();
        result.Prices.ShouldBeEmpty();
        result.Error!.Key.ShouldBe("claude-bad");
        result.Error.Field.ShouldBe("input_cost_per_token");
        result.Error.ToString().ShouldContain("model \"claude-bad\", field \"input_cost_per_token\"");
    }

    [Fact]
    public void Parse_NegativePrice_RefusesTheFile()
    {
        var result = ParseEntry("claude-neg", """{"input_cost_per_token": 1e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": -1e-07}""");

        result.Error!.Field.ShouldBe("cache_read_input_token_cost");
    }

    [Fact]
    public void Parse_BadPriceOnAnEntryThatWouldBeSkipped_StillRefusesTheFile()
    {
        var result = ParseEntry("embed-bad", """{"input_cost_per_token": true, "mode": "embedding"}""");

        result.Error!.Key.ShouldBe("embed-bad");
    }

    [Fact]
    public void Parse_BrokenJson_SaysWhichLine()
    {
        var result = LiteLlmPriceFile.Parse("{\n  \"a\": {\"input_cost_per_token\": 1e-06,\n  \"output_cost_per_token\" 2e-06}\n}", Today, "t");

        result.Succeeded.ShouldBeFalse();
        result.Error!.Line.ShouldBe(3);
    }

    [Fact]
    public void Parse_TopLevelArray_IsRefused()
    {
        LiteLlmPriceFile.Parse("[]", Today, "t").Succeeded.ShouldBeFalse();
    }
}
