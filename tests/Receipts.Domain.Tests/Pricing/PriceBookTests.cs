using Receipts.Domain.Pricing;

namespace Receipts.Domain.Tests.Pricing;

public sealed class PriceBookTests
{
    private static readonly PriceBook Book = BuiltInPrices.Book();

    private static ModelPrice Price(string model, decimal input, string provider = "anthropic") => new()
    {
        Model = model,
        Provider = provider,
        Standard = new TokenRates(input, input, input, input, input),
        EffectiveFrom = new DateOnly(2026, 1, 1),
        Source = "test",
    };

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-opus-4-20250514", "claude-opus-4")]
    [InlineData("claude-opus-4-1-20250805", "claude-opus-4-1")]
    [InlineData("claude-3-5-haiku-20241022", "claude-3-5-haiku")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    [InlineData("global.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5")]
    [InlineData("claude-sonnet-4-5@20250929", "claude-sonnet-4-5")]
    [InlineData("CLAUDE-SONNET-4-5", "claude-sonnet-4-5")]
    [InlineData("openai/gpt-5", "gpt-5")]
    [InlineData("gpt-5-2025-08-07", "gpt-5")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-5.1-codex-mini", "gpt-5.1-codex-mini")]
    [InlineData("gpt-5.1-codex", "gpt-5.1-codex")]
    public void Find_NormalisesProviderIds(string model, string expectedKey)
    {
        Book.Find(model)!.Model.ShouldBe(expectedKey);
    }

    [Theory]
    [InlineData("claude-opus-4-5-preview")]
    [InlineData("claude-sonnet")]
    [InlineData("sonnet")]
    [InlineData("gpt-5-codex-turbo")]
    [InlineData("claude-opus-4-9")]
    [InlineData("gpt")]
    [InlineData("<synthetic>")]
    [InlineData("")]
    public void Find_NeverFuzzyMatches(string model)
    {
        Book.Find(model).ShouldBeNull();
    }

    [Fact]
    public void Find_PrefersTheLongestMatchingKey()
    {
        var book = new PriceBook([Price("claude-x-1", 1m), Price("claude-x-1-20260101", 2m)]);

        book.Find("claude-x-1-20260101")!.Standard.Input.ShouldBe(2m);
        book.Find("anthropic/claude-x-1-20260101")!.Standard.Input.ShouldBe(2m);
        book.Find("claude-x-1-20260202")!.Standard.Input.ShouldBe(1m);
    }

    [Fact]
    public void LaterEntries_OverrideEarlierOnesForTheSameKey()
    {
        var book = new PriceBook([.. BuiltInPrices.All, Price("claude-sonnet-4-5", 9m)]);

        book.Find("claude-sonnet-4-5-20250929")!.Standard.Input.ShouldBe(9m);
        book.Entries.Count.ShouldBe(BuiltInPrices.All.Count);
    }

    [Fact]
    public void DecoratedKeyOnly_StillServesTheBareId_PreferringTheProvidersOwnEntry()
    {
        var book = new PriceBook(
        [
            Price("us.anthropic.claude-y-2-20270101-v1:0", 1m, "bedrock_converse"),
            Price("anthropic/claude-y-2-20270101", 2m, "anthropic"),
        ]);

        book.Find("claude-y-2")!.Standard.Input.ShouldBe(2m);
        book.Find("claude-y-2-20270101")!.Standard.Input.ShouldBe(2m);
    }
}
