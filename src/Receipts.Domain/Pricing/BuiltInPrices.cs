namespace Receipts.Domain.Pricing;

/// <summary>
/// The price book that ships with Receipts: list prices of current Anthropic and OpenAI models.
/// Every per-token number equals LiteLLM's entry for the same model
/// (<c>BerriAI/litellm:model_prices_and_context_window.json@00035b69</c>, tabulated in
/// <c>billing-and-gateways.md</c> §5.5), so estimates agree with ccusage's to the cent wherever ccusage
/// prices the same way (see <see cref="Pricer"/> for where it does not). Tier rules come from the
/// providers' pricing pages: Anthropic batch is 50% off, US-only inference is 1.1× on Claude 4.6+,
/// web search is $10 per 1,000; OpenAI batch is 50% off. Lines marked VERIFY were not in the
/// reference tables and come from the providers' pricing pages as remembered; check them against the
/// live pages (or import a fresh LiteLLM file, which overrides these).
/// </summary>
public static class BuiltInPrices
{
    /// <summary>The LiteLLM snapshot the table follows: <c>BerriAI/litellm:model_prices_and_context_window.json</c> at commit 00035b69.</summary>
    public const string LiteLlmSource = "LiteLLM prices@00035b69";

    private const string AnthropicPage = "platform.claude.com pricing";
    private const string OpenAiPage = "openai.com/api/pricing";
    private const decimal WebSearch = 0.01m;

    private static readonly Lazy<IReadOnlyList<ModelPrice>> AllPrices = new(Build);

    /// <summary>Every built-in price.</summary>
    public static IReadOnlyList<ModelPrice> All => AllPrices.Value;

    /// <summary>A book of the built-in prices only.</summary>
    public static PriceBook Book() => new(All);

    private static List<ModelPrice> Build() =>
    [
        // Anthropic. Columns: input, output, cache write 5m, cache write 1h, cache read (USD per MTok).
        // Opus 4.6/4.7: LiteLLM provider_specific_entry {us: 1.1, fast: 6.0}; no long-context premium (1M window at standard rates).
        Claude("claude-opus-4-7", 5, 25, 6.25m, 10, 0.50m, new(2026, 4, 16)) with { UsGeoMultiplier = 1.1m, FastMultiplier = 6.0m },
        Claude("claude-opus-4-6", 5, 25, 6.25m, 10, 0.50m, new(2026, 2, 5)) with { UsGeoMultiplier = 1.1m, FastMultiplier = 6.0m },
        // Effective date is the public launch, 2025-11-24 (the snapshot id says 20251101). VERIFY the date.
        Claude("claude-opus-4-5", 5, 25, 6.25m, 10, 0.50m, new(2025, 11, 24)),
        Claude("claude-opus-4-1", 15, 75, 18.75m, 30, 1.50m, new(2025, 8, 5)),
        // claude-opus-4-20250514, launched 2025-05-22.
        Claude("claude-opus-4", 15, 75, 18.75m, 30, 1.50m, new(2025, 5, 22)),
        // Sonnet 4.6: 1M window at standard rates; US-only geo 1.1× applies to 4.6+ models per Anthropic's page
        // (LiteLLM's entry carries no provider_specific_entry). Launch date VERIFY.
        Claude("claude-sonnet-4-6", 3, 15, 3.75m, 6, 0.30m, new(2026, 2, 17)) with { UsGeoMultiplier = 1.1m },
        Claude("claude-sonnet-4-5", 3, 15, 3.75m, 6, 0.30m, new(2025, 9, 29)) with { Above200k = PerMTok(6, 22.50m, 7.50m, 12, 0.60m) },
        // LiteLLM claude-sonnet-4-20250514 has no 1h-above-200k key; 12 = 2 × the long-context input rate, as ccusage computes it.
        Claude("claude-sonnet-4", 3, 15, 3.75m, 6, 0.30m, new(2025, 5, 22)) with { Above200k = PerMTok(6, 22.50m, 7.50m, 12, 0.60m) },
        Claude("claude-3-7-sonnet", 3, 15, 3.75m, 6, 0.30m, new(2025, 2, 24)),
        Claude("claude-haiku-4-5", 1, 5, 1.25m, 2, 0.10m, new(2025, 10, 15)),
        // From LiteLLM's Bedrock copy (same rates as the direct key); 1h = 2 × input. Launch price was
        // $1/$5, cut to $0.80/$4 in December 2024: effective date VERIFY.
        Claude("claude-3-5-haiku", 0.80m, 4, 1.00m, 1.60m, 0.08m, new(2024, 12, 1)),
        // LiteLLM lists the 1h write at 6e-06 (a copy of Sonnet's); Anthropic's rule (2 × input) gives 0.50,
        // which is also what ccusage charges. VERIFY against the pricing page.
        Claude("claude-3-haiku", 0.25m, 1.25m, 0.30m, 0.50m, 0.03m, new(2024, 3, 13)),

        // OpenAI. OpenAI bills no cache writes (cached prefixes are read at the cache-read rate), so the
        // write columns equal input. Columns: input, output, cache read (USD per MTok).
        Gpt("gpt-5", 1.25m, 10, 0.125m, new(2025, 8, 7)) with { Priority = OpenAi(2.50m, 20, 0.25m), Flex = OpenAi(0.625m, 5, 0.0625m) },
        Gpt("gpt-5-mini", 0.25m, 2, 0.025m, new(2025, 8, 7)) with { Priority = OpenAi(0.45m, 3.60m, 0.045m), Flex = OpenAi(0.125m, 1, 0.0125m) },
        // VERIFY: not in the reference tables.
        Gpt("gpt-5-nano", 0.05m, 0.40m, 0.005m, new(2025, 8, 7)) with { Flex = OpenAi(0.025m, 0.20m, 0.0025m) },
        Gpt("gpt-5-codex", 1.25m, 10, 0.125m, new(2025, 9, 15)), // VERIFY
        Gpt("gpt-5.1", 1.25m, 10, 0.125m, new(2025, 11, 13)) with { Priority = OpenAi(2.50m, 20, 0.25m) },
        Gpt("gpt-5.1-codex", 1.25m, 10, 0.125m, new(2025, 11, 13)) with { Priority = OpenAi(2.50m, 20, 0.25m) }, // VERIFY
        Gpt("gpt-5.1-codex-mini", 0.25m, 2, 0.025m, new(2025, 11, 13)) with { Priority = OpenAi(0.45m, 3.60m, 0.045m) }, // VERIFY
        Gpt("gpt-5.2", 1.75m, 14, 0.175m, new(2025, 12, 11)) with { Priority = OpenAi(3.50m, 28, 0.35m) },
        Gpt("gpt-4.1", 2, 8, 0.50m, new(2025, 4, 14)) with { Priority = OpenAi(3.50m, 14, 0.875m) },
        Gpt("gpt-4.1-mini", 0.40m, 1.60m, 0.10m, new(2025, 4, 14)) with { Priority = OpenAi(0.70m, 2.80m, 0.175m) }, // VERIFY
        Gpt("gpt-4.1-nano", 0.10m, 0.40m, 0.025m, new(2025, 4, 14)) with { Priority = OpenAi(0.20m, 0.80m, 0.05m) }, // VERIFY
        // gpt-4o at $2.50/$10 since the 2024-08-06 snapshot (gpt-4o-2024-05-13 stays at $5/$15: import LiteLLM for dated ids).
        Gpt("gpt-4o", 2.50m, 10, 1.25m, new(2024, 8, 6)) with { Priority = OpenAi(4.25m, 17, 2.125m) },
        Gpt("gpt-4o-mini", 0.15m, 0.60m, 0.075m, new(2024, 7, 18)) with { Priority = OpenAi(0.25m, 1, 0.125m) },
        // o3 after the June 2025 price cut; o4-mini since launch. VERIFY both (not in the reference tables).
        Gpt("o3", 2, 8, 0.50m, new(2025, 6, 10)) with { Priority = OpenAi(3.50m, 14, 0.875m), Flex = OpenAi(1, 4, 0.25m) },
        Gpt("o4-mini", 1.10m, 4.40m, 0.275m, new(2025, 4, 16)) with { Priority = OpenAi(2, 8, 0.50m), Flex = OpenAi(0.55m, 2.20m, 0.1375m) },
    ];

    private static ModelPrice Claude(string model, decimal input, decimal output, decimal write5m, decimal write1h, decimal read, DateOnly from)
    {
        var standard = PerMTok(input, output, write5m, write1h, read);
        return new ModelPrice
        {
            Model = model,
            Provider = "anthropic",
            Standard = standard,
            Batch = standard.Scale(0.5m),
            WebSearchPerRequest = WebSearch,
            EffectiveFrom = from,
            Source = $"{LiteLlmSource}, tiers: {AnthropicPage}",
        };
    }

    private static ModelPrice Gpt(string model, decimal input, decimal output, decimal read, DateOnly from)
    {
        var standard = OpenAi(input, output, read);
        return new ModelPrice
        {
            Model = model,
            Provider = "openai",
            Standard = standard,
            Batch = standard.Scale(0.5m),
            EffectiveFrom = from,
            Source = $"{LiteLlmSource}, tiers: {OpenAiPage}",
        };
    }

    private static TokenRates OpenAi(decimal input, decimal output, decimal read) => PerMTok(input, output, input, input, read);

    private static TokenRates PerMTok(decimal input, decimal output, decimal write5m, decimal write1h, decimal read) =>
        new(input / 1_000_000m, output / 1_000_000m, write5m / 1_000_000m, write1h / 1_000_000m, read / 1_000_000m);
}
