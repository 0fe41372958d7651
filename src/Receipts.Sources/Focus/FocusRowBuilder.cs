using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>
/// Turns a <see cref="UsageCell"/> into one FOCUS 1.2 row, following the reference's recommendation for AI
/// spend: Usage / Usage-Based / AI and Machine Learning / Generative AI, the model as <c>SkuId</c>, tokens as
/// <c>ConsumedQuantity</c>, token splits and the cost basis in <c>x_</c> columns, and team, project and
/// confidence (and person and rule when known) as tags and <c>x_</c> columns from the <paramref name="attribute"/>
/// delegate; <c>receipts export focus</c> passes each cell's own attribution from the spend pipeline.
/// </summary>
public sealed class FocusRowBuilder(Func<UsageCell, FocusAttribution> attribute)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
        "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost",
        "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
        "ServiceSubcategory", "SkuId", "SubAccountId", "SubAccountName", "SubAccountType", "Tags",
        "x_Model", "x_ServiceTier", "x_Tool", "x_ApiKeyId", "x_InputTokens", "x_OutputTokens", "x_CacheReadTokens",
        "x_CacheWriteTokens", "x_CacheWrite1hTokens", "x_Requests", "x_CostBasis",
        "x_Team", "x_Project", "x_Person", "x_AttributionRule", "x_AttributionConfidence",
    ];

    /// <summary>The row's values, in <see cref="Columns"/> order; null is an empty cell.</summary>
    public string?[] Build(UsageCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var who = attribute(cell);
        var day = cell.Day.ToDateTime(TimeOnly.MinValue);
        var month = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var cost = Money(cell.Cost);
        var vendor = Vendor(cell.Provider);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["team"] = who.Team ?? "unattributed",
            ["project"] = who.Project ?? "unattributed",
        };
        var confidence = who.Confidence?.ToString(CultureInfo.InvariantCulture);
        if (confidence is not null)
        {
            tags["confidence"] = confidence;
        }

        if (who.Person is { } person)
        {
            tags["person"] = person;
        }

        if (who.Rule is { } rule)
        {
            tags["rule"] = rule;
        }

        if (cell.Seat)
        {
            // A seat is a recurring purchase charged by the day, not tokens.
            return
            [
                cost, "receipts", "Receipts", cell.Currency, Instant(month.AddMonths(1)), Instant(month),
                "Purchase", null, $"{cell.Tool ?? cell.Provider} seat{(who.Person is null ? string.Empty : " of " + who.Person)} (billed)", "Recurring", Instant(day.AddDays(1)), Instant(day),
                null, null, cost, cost, null, vendor, cost,
                "Standard", "1", "Days", vendor, vendor, "AI and Machine Learning", cell.Tool ?? cell.Provider,
                "Generative AI", "seat", null, null, null, JsonSerializer.Serialize(tags),
                null, null, cell.Tool, null, null, null, null, null, null, null, Basis(cell.Basis),
                who.Team, who.Project, who.Person, who.Rule, confidence,
            ];
        }

        return
        [
            cost, "receipts", "Receipts", cell.Currency, Instant(month.AddMonths(1)), Instant(month),
            "Usage", null, $"{cell.Model} tokens ({Basis(cell.Basis)})", "Usage-Based", Instant(day.AddDays(1)), Instant(day),
            Count(cell.Tokens.Total), "Tokens", cost, cost, null, vendor, cost,
            "Standard", Count(cell.Tokens.Total), "Tokens", vendor, vendor, "AI and Machine Learning", Service(cell.Provider),
            "Generative AI", cell.Model, cell.Workspace ?? cell.ApiKeyId, cell.Workspace ?? cell.ApiKeyAlias,
            cell.Workspace is not null ? "Workspace" : cell.ApiKeyId is not null ? "API Key" : null, JsonSerializer.Serialize(tags),
            cell.Model, cell.ServiceTier, cell.Tool, cell.ApiKeyId, Count(cell.Tokens.Input), Count(cell.Tokens.Output), Count(cell.Tokens.CacheRead),
            Count(cell.Tokens.CacheWrite), Count(cell.Tokens.CacheWrite1h), Count(cell.Requests), Basis(cell.Basis),
            who.Team, who.Project, who.Person, who.Rule, confidence,
        ];
    }

    private static string Basis(CostBasis basis) => basis switch
    {
        CostBasis.Billed => "billed",
        CostBasis.Estimated => "estimated",
        _ => "unknown",
    };

    private static string Vendor(string provider) => provider switch
    {
        "anthropic" => "Anthropic",
        "openai" => "OpenAI",
        _ => provider,
    };

    private static string Service(string provider) => provider switch
    {
        "anthropic" => "Claude API",
        "openai" => "OpenAI API",
        _ => provider + " API",
    };

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
