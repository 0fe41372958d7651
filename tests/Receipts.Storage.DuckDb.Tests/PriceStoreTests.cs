using System.Globalization;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class PriceStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static ModelPrice Price(string model, decimal input) => new()
    {
        Model = model,
        Provider = "anthropic",
        Standard = new TokenRates(input, input * 5, input * 1.25m, input * 2, input * 0.1m),
        EffectiveFrom = new DateOnly(2026, 11, 23),
        Source = "LiteLLM import: prices.json",
    };

    [Fact]
    public async Task Write_ThenRead_RoundTripsEveryRateExactly()
    {
        await using var temp = await TempStore.CreateAsync();
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

        var result = await temp.Store.WritePricesAsync([full, Price("gpt-x", 0.0000000025m)], Ct);
        var read = await temp.Store.ReadPricesAsync(Ct);

        result.ShouldBe(new PriceWriteResult(2, 0));
        read.Select(p => p.Price).ShouldBe([full, Price("gpt-x", 0.0000000025m)]);
        read[0].ImportedAt.ShouldBe(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        read[1].Price.Standard.Input.ToString(CultureInfo.InvariantCulture).ShouldBe("0.0000000025");
    }

    [Fact]
    public async Task Write_SameKeyAgain_ReplacesIt()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WritePricesAsync([Price("a", 0.000001m), Price("b", 0.000001m)], Ct);

        var again = await temp.Store.WritePricesAsync([Price("b", 0.000002m), Price("c", 0.000003m)], Ct);
        var read = await temp.Store.ReadPricesAsync(Ct);

        again.ShouldBe(new PriceWriteResult(1, 1));
        read.Select(p => (p.Price.Model, p.Price.Standard.Input)).ShouldBe([("a", 0.000001m), ("b", 0.000002m), ("c", 0.000003m)]);
    }

    [Fact]
    public async Task LiteLlmFile_ParsedAndWritten_ThenPricesThroughTheBook()
    {
        await using var temp = await TempStore.CreateAsync();
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

        await temp.Store.WritePricesAsync(parsed.Prices, Ct);
        var imported = (await temp.Store.ReadPricesAsync(Ct)).Select(p => p.Price);
        var book = new PriceBook([.. BuiltInPrices.All, .. imported]);

        parsed.SkippedNonModel.ShouldBe(1);
        parsed.SkippedUnpriced.ShouldBe(1);
        book.Find("claude-sonnet-4-5-20250929")!.Standard.Input.ShouldBe(0.000004m);
        book.Find("claude-sonnet-4-5-20250929")!.Source.ShouldBe("LiteLLM import: prices.json");
        book.Find("claude-haiku-4-5")!.Source.ShouldStartWith(BuiltInPrices.LiteLlmSource);
    }

    [Fact]
    public async Task Store_OpenedAgain_KeepsImportedPrices()
    {
        var directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
        var path = Path.Combine(directory, "r.duckdb");
        await using (var store = await DuckDbStore.OpenAsync(path, TimeProvider.System, Ct))
        {
            await store.WritePricesAsync([Price("a", 0.000001m)], Ct);
        }

        await using (var store = await DuckDbStore.OpenAsync(path, TimeProvider.System, Ct))
        {
            (await store.ReadPricesAsync(Ct)).Single().Price.Model.ShouldBe("a");
        }

        Directory.Delete(directory, recursive: true);
    }
}
