using System.Text.Json;

namespace Receipts.Domain.Pricing;

/// <summary>
/// Reads LiteLLM's <c>model_prices_and_context_window.json</c> (one object; key = model name, value =
/// USD per single token, <c>billing-and-gateways.md</c> §5.5) into model prices. The file is accepted
/// whole or not at all: a price field that is not a non-negative number refuses the file, naming the
/// model key and field. Keys that are not models (<c>sample_spec</c>, non-object values) and entries
/// without both an input and an output token price (images, audio, embeddings) are skipped and counted.
/// Missing cache rates default the way ccusage does for Claude models (5m write 1.25× input, read 0.1×,
/// 1h write 2×); other providers default to the input rate. Missing batch rates for Anthropic and OpenAI
/// models default to 50% of standard (both providers' Batch API discount).
/// </summary>
public static class LiteLlmPriceFile
{
    private const string SampleSpec = "sample_spec";

    private static readonly string[] KnownFields =
    [
        "input_cost_per_token", "output_cost_per_token", "cache_creation_input_token_cost",
        "cache_creation_input_token_cost_above_1hr", "cache_read_input_token_cost",
        "input_cost_per_token_above_200k_tokens", "output_cost_per_token_above_200k_tokens",
        "cache_creation_input_token_cost_above_200k_tokens", "cache_creation_input_token_cost_above_1hr_above_200k_tokens",
        "cache_read_input_token_cost_above_200k_tokens",
        "input_cost_per_token_batches", "output_cost_per_token_batches",
        "input_cost_per_token_priority", "output_cost_per_token_priority", "cache_read_input_token_cost_priority",
        "input_cost_per_token_flex", "output_cost_per_token_flex", "cache_read_input_token_cost_flex",
    ];

    public static LiteLlmParseResult Parse(string json, DateOnly importedOn, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return LiteLlmParseResult.Failed(new PriceFileError(null, null, $"not valid JSON ({e.Message})", (e.LineNumber ?? 0) + 1));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return LiteLlmParseResult.Failed(new PriceFileError(null, null, "expected one JSON object keyed by model name"));
            }

            var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
            int nonModel = 0, unpriced = 0;
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == SampleSpec || entry.Value.ValueKind != JsonValueKind.Object || string.IsNullOrWhiteSpace(entry.Name))
                {
                    nonModel++;
                    continue;
                }

                var reader = new EntryReader(entry.Name, entry.Value);
                var price = reader.Read(importedOn, source);
                if (reader.Error is not null)
                {
                    return LiteLlmParseResult.Failed(reader.Error);
                }

                if (price is null)
                {
                    unpriced++;
                    continue;
                }

                prices[entry.Name] = price;
            }

            return new LiteLlmParseResult([.. prices.Values], nonModel, unpriced, null);
        }
    }

    /// <summary>Reads one entry; the first bad field sets <see cref="Error"/>.</summary>
    private sealed class EntryReader(string key, JsonElement element)
    {
        public PriceFileError? Error { get; private set; }

        public ModelPrice? Read(DateOnly importedOn, string source)
        {
            var input = Rate("input_cost_per_token");
            var output = Rate("output_cost_per_token");
            var provider = Text("litellm_provider") ?? "unknown";
            if (Error is not null || input is null || output is null)
            {
                // Every field is still checked, so a malformed file is refused even if this entry is skipped.
                CheckAllRates();
                return null;
            }

            var claude = provider.Contains("anthropic", StringComparison.OrdinalIgnoreCase)
                || key.Contains("claude", StringComparison.OrdinalIgnoreCase);
            var write5m = Rate("cache_creation_input_token_cost") ?? (claude ? input.Value * 1.25m : input.Value);
            var write1h = Rate("cache_creation_input_token_cost_above_1hr") ?? (claude ? input.Value * 2m : write5m);
            var read = Rate("cache_read_input_token_cost") ?? (claude ? input.Value * 0.1m : input.Value);
            var standard = new TokenRates(input.Value, output.Value, write5m, write1h, read);

            TokenRates? above = null;
            if (Rate("input_cost_per_token_above_200k_tokens") is { } input200)
            {
                var ratio = input.Value == 0 ? 1m : input200 / input.Value;
                above = new TokenRates(
                    input200,
                    Rate("output_cost_per_token_above_200k_tokens") ?? output.Value,
                    Rate("cache_creation_input_token_cost_above_200k_tokens") ?? write5m * ratio,
                    Rate("cache_creation_input_token_cost_above_1hr_above_200k_tokens") ?? (claude ? input200 * 2m : write1h * ratio),
                    Rate("cache_read_input_token_cost_above_200k_tokens") ?? read * ratio);
            }

            var direct = provider is "anthropic" or "openai";
            var batch = Tier(standard, "_batches", cacheReadKey: null) ?? (direct ? standard.Scale(0.5m) : null);
            var priority = Tier(standard, "_priority", "cache_read_input_token_cost_priority");
            var flex = Tier(standard, "_flex", "cache_read_input_token_cost_flex");

            decimal? webSearch = null;
            if (element.TryGetProperty("search_context_cost_per_query", out var search) && search.ValueKind == JsonValueKind.Object)
            {
                webSearch = Rate(search, "search_context_cost_per_query.search_context_size_medium", "search_context_size_medium");
            }

            decimal? us = null, fast = null;
            if (element.TryGetProperty("provider_specific_entry", out var specific) && specific.ValueKind == JsonValueKind.Object)
            {
                us = Rate(specific, "provider_specific_entry.us", "us");
                fast = Rate(specific, "provider_specific_entry.fast", "fast");
            }

            CheckAllRates();
            if (Error is not null)
            {
                return null;
            }

            return new ModelPrice
            {
                Model = key,
                Provider = provider,
                Standard = standard,
                Above200k = above,
                Batch = batch,
                Priority = priority,
                Flex = flex,
                WebSearchPerRequest = webSearch,
                UsGeoMultiplier = us,
                FastMultiplier = fast,
                EffectiveFrom = importedOn,
                Source = source,
            };
        }

        // A tier's missing cache rates follow the tier's input discount.
        private TokenRates? Tier(TokenRates standard, string suffix, string? cacheReadKey)
        {
            var tierInput = Rate("input_cost_per_token" + suffix);
            var tierOutput = Rate("output_cost_per_token" + suffix);
            if (tierInput is null && tierOutput is null)
            {
                return null;
            }

            var ratio = tierInput is { } ti && standard.Input != 0 ? ti / standard.Input : 1m;
            return new TokenRates(
                tierInput ?? standard.Input,
                tierOutput ?? standard.Output,
                standard.CacheWrite5m * ratio,
                standard.CacheWrite1h * ratio,
                (cacheReadKey is null ? null : Rate(cacheReadKey)) ?? standard.CacheRead * ratio);
        }

        // Every price field this reader uses must be a readable non-negative number, even on an entry that is
        // skipped; fields it does not use (image, audio, video prices) are not its business.
        private void CheckAllRates()
        {
            foreach (var field in KnownFields)
            {
                if (Error is not null)
                {
                    return;
                }

                Rate(field);
            }
        }

        private decimal? Rate(string field) => Rate(element, field, field);

        private decimal? Rate(JsonElement parent, string fieldPath, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var rate))
            {
                Error ??= new PriceFileError(key, fieldPath, $"expected a number, found {Describe(value)}");
                return null;
            }

            if (rate < 0)
            {
                Error ??= new PriceFileError(key, fieldPath, $"a price cannot be negative ({value.GetRawText()})");
                return null;
            }

            return rate;
        }

        private string? Text(string field) =>
            element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the text \"{value.GetString()}\"",
            JsonValueKind.Number => $"{value.GetRawText()}, which is out of range",
            _ => value.ValueKind.ToString().ToLowerInvariant(),
        };
    }
}
