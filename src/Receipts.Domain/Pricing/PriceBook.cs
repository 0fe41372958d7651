using System.Text.RegularExpressions;

namespace Receipts.Domain.Pricing;

/// <summary>
/// Model prices by model id. A look-up tries, in order, the id as given, then the id with its
/// provider or routing prefix removed (<c>anthropic/</c>, <c>openai/</c>, <c>anthropic.</c>,
/// <c>us.anthropic.</c>, …), then without a Bedrock or Vertex suffix (<c>-v1:0</c>, <c>@20250929</c>),
/// then without a date suffix (<c>-20250929</c>, <c>-2025-08-07</c>, <c>-latest</c>): the longest key
/// that matches wins. There is no fuzzy "contains" match: a name the book does not know is unpriced,
/// never priced as some other model (ccusage-TS's first-key-containing fallback could price
/// <c>claude-opus-4-5</c> as <c>claude-opus-4</c>, three times too high).
/// Later entries replace earlier ones with the same key, so imported prices override built-ins.
/// </summary>
public sealed partial class PriceBook
{
    private static readonly string[] ProviderPrefixes =
        ["anthropic/", "openai/", "bedrock/", "bedrock_converse/", "vertex_ai/", "azure/", "openrouter/", "anthropic."];

    private readonly Dictionary<string, ModelPrice> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ModelPrice> _byBareKey = new(StringComparer.OrdinalIgnoreCase);

    public PriceBook(IEnumerable<ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        foreach (var price in prices)
        {
            _byKey[price.Model] = price;
        }

        // Keys that only exist in a decorated form (imported "us.anthropic.claude-x-20250101-v1:0") still
        // serve the bare id; when several decorated keys share a bare id, the provider's own entry wins,
        // then the shortest key.
        foreach (var price in _byKey.Values)
        {
            var bare = Bare(price.Model);
            if (_byKey.ContainsKey(bare))
            {
                continue;
            }

            if (!_byBareKey.TryGetValue(bare, out var existing) || IsBetterBareMatch(price, existing))
            {
                _byBareKey[bare] = price;
            }
        }
    }

    public static PriceBook Empty { get; } = new([]);

    /// <summary>Every price in the book, one per key.</summary>
    public IReadOnlyCollection<ModelPrice> Entries => _byKey.Values;

    /// <summary>The price for <paramref name="model"/>, or null when the book has none.</summary>
    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var candidate in Candidates(model))
        {
            if (_byKey.TryGetValue(candidate, out var price))
            {
                return price;
            }
        }

        return _byBareKey.GetValueOrDefault(Bare(model));
    }

    /// <summary>The forms of <paramref name="model"/> to try, longest first.</summary>
    internal static IEnumerable<string> Candidates(string model)
    {
        var current = model.Trim();
        yield return current;

        var unprefixed = StripPrefixes(current);
        if (!string.Equals(unprefixed, current, StringComparison.Ordinal))
        {
            current = unprefixed;
            yield return current;
        }

        var unsuffixed = CloudSuffix().Replace(current, string.Empty);
        if (!string.Equals(unsuffixed, current, StringComparison.Ordinal))
        {
            current = unsuffixed;
            yield return current;
        }

        var undated = DateSuffix().Replace(current, string.Empty);
        if (!string.Equals(undated, current, StringComparison.Ordinal) && undated.Length > 0)
        {
            yield return undated;
        }
    }

    /// <summary>The fully stripped form: no prefix, no cloud suffix, no date.</summary>
    internal static string Bare(string model) => Candidates(model).Last();

    private static string StripPrefixes(string model)
    {
        var s = model;
        bool changed;
        do
        {
            changed = false;
            var region = RegionPrefix().Match(s);
            if (region.Success)
            {
                s = s[region.Length..];
                changed = true;
            }

            foreach (var prefix in ProviderPrefixes)
            {
                if (s.Length > prefix.Length && s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    s = s[prefix.Length..];
                    changed = true;
                }
            }
        }
        while (changed);

        return s;
    }

    private static bool IsBetterBareMatch(ModelPrice candidate, ModelPrice existing)
    {
        var candidateDirect = candidate.Provider is "anthropic" or "openai";
        var existingDirect = existing.Provider is "anthropic" or "openai";
        if (candidateDirect != existingDirect)
        {
            return candidateDirect;
        }

        return candidate.Model.Length != existing.Model.Length
            ? candidate.Model.Length < existing.Model.Length
            : string.CompareOrdinal(candidate.Model, existing.Model) < 0;
    }

    // Bedrock cross-region inference profiles: us.anthropic.…, eu.…, apac.…, global.…
    [GeneratedRegex(@"^(us|eu|apac|jp|au|ca|global)\.(?=anthropic\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegionPrefix();

    // Bedrock "-v1:0" / "-v2", Vertex "@20250929" / "@latest".
    [GeneratedRegex(@"(-v\d+(:\d+)?|@[A-Za-z0-9._-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CloudSuffix();

    // Anthropic "-20250929", OpenAI "-2025-08-07", "-latest".
    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
