using System.Globalization;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>What every price store does, whatever the database.</summary>
public abstract class PriceStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IPriceStore, IAsyncDisposable
{
    private static ModelPrice Price(string model, decimal input) => new()
    {
        Model = model,
        Provider = "anthropic",
        Standard = new TokenRates(input, input * 5, input * 1.25m, input * 2, input * 0.1m),
        EffectiveFrom = new DateOnly(2026, 11, 23),
        Source = "LiteLLM import: prices.json",
    };

    [StoreFact]
    public async Task Write_ThenRead_RoundTripsEveryRateExactly()
    {
        var full = Price("claude-sonnet-4-5", 0.000003m) with
        {
            Above200k = new TokenRates(0.000006m, 0.0000225m, 0.0000075m, 0.000012m, 0.0000006m),
            Batch = new TokenRates(0.0000015m, 0.0000075m, 0.000001875m, 0.000003m, 0.00000015m),
            Priority = new TokenRates(0.0000042m, 0.000017m, 0.0000042m, 0.0000042m, 0.000002125m),
            Flex = new TokenRates(0.000000625m, 0.000005m, 0.000000625m, 0.000000625m, 0.0000000625m),
            WebSearchPerRequest = 0.01m,
            FastMultiplier = 6m,
            UsGeoMultiplier = 1.1m,
        };

        var result = await Store.WritePricesAsync([full, Price("gpt-x", 0.0000000025m)], Ct);
        var read = await Store.ReadPricesAsync(Ct);

        result.ShouldBe(new PriceWriteResult(2, 0));
        read.Select(p => p.Price).ShouldBe([full, Price("gpt-x", 0.0000000025m)]);
        read[0].ImportedAt.ShouldBe(Time.GetUtcNow());
        read[1].Price.Standard.Input.ToString(CultureInfo.InvariantCulture).ShouldBe("0.0000000025");
    }

    [StoreFact]
    public async Task Write_SameKeyAgain_ReplacesIt()
    {
        await Store.WritePricesAsync([Price("a", 0.000001m), Price("b", 0.000001m)], Ct);

        var again = await Store.WritePricesAsync([Price("b", 0.000002m), Price("c", 0.000003m)], Ct);
        var read = await Store.ReadPricesAsync(Ct);

        again.ShouldBe(new PriceWriteResult(1, 1));
        read.Select(p => (p.Price.Model, p.Price.Standard.Input)).ShouldBe([("a", 0.000001m), ("b", 0.000002m), ("c", 0.000003m)]);
    }

    [StoreFact]
    public async Task Write_SameKeyTwiceInOneBatch_TheLastWins()
    {
        var result = await Store.WritePricesAsync([Price("a", 0.000001m), Price("a", 0.000004m)], Ct);

        result.ShouldBe(new PriceWriteResult(1, 0));
        (await Store.ReadPricesAsync(Ct)).ShouldHaveSingleItem().Price.Standard.Input.ShouldBe(0.000004m);
    }

    [StoreFact]
    public async Task LiteLlmFile_ParsedAndWritten_ThenPricesThroughTheBook()
    {
        var parsed = LiteLlmPriceFile.Parse(
            """
            {
              "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
              "claude-sonnet-4-5": {"input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05, "litellm_provider": "anthropic", "mode": "chat"},
              "gpt-image-1": {"input_cost_per_image": 0.01, "litellm_provider": "openai", "mode": "image_generation"}
            }
            """,
            new DateOnly(2026, 11, 23),
            "LiteLLM import: prices.json");

        await Store.WritePricesAsync(parsed.Prices, Ct);
        var imported = (await Store.ReadPricesAsync(Ct)).Select(p => p.Price);
        var book = new PriceBook([.. BuiltInPrices.All, .. imported]);

        parsed.SkippedNonModel.ShouldBe(1);
        parsed.SkippedUnpriced.ShouldBe(1);
        book.Find("claude-sonnet-4-5-20250929")!.Standard.Input.ShouldBe(0.000004m);
        book.Find("claude-sonnet-4-5-20250929")!.Source.ShouldBe("LiteLLM import: prices.json");
        book.Find("claude-haiku-4-5")!.Source.ShouldStartWith(BuiltInPrices.LiteLlmSource);
    }

    [StoreFact]
    public async Task Store_OpenedAgain_KeepsImportedPrices()
    {
        await Store.WritePricesAsync([Price("a", 0.000001m)], Ct);

        await using var reopened = await ReopenAsync(Time);

        (await reopened.ReadPricesAsync(Ct)).Single().Price.Model.ShouldBe("a");
    }
}
