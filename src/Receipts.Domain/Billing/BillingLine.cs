using Receipts.Domain.Usage;

namespace Receipts.Domain.Billing;

/// <summary>
/// What a provider invoiced (or reported) for one reconciliation cell — provider, UTC day, billing
/// identity, model — over one charge period: a fact from a billing API or a FOCUS file, stored as seen.
/// A re-fetch of the same period replaces the set of lines of that (source, dataset, period); see
/// <see cref="BillingScope"/>. Never carries content: ids, names, counts and money only.
/// </summary>
public sealed record BillingLine
{
    /// <summary>Stable id: the same line fetched again gets the same id.</summary>
    public required string Id { get; init; }

    /// <summary>The importer: <c>anthropic</c>, <c>openai</c>, <c>focus</c>.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// The report inside the source whose lines are replaced together: <c>cost_report</c>, <c>usage_report</c>,
    /// <c>claude_code</c>, <c>costs</c>, <c>usage.completions</c>; for FOCUS, <c>provider|billing account|billing period</c>.
    /// </summary>
    public required string Dataset { get; init; }

    /// <summary>Lower-case provider id: <c>anthropic</c>, <c>openai</c>, <c>aws</c>, …</summary>
    public required string Provider { get; init; }

    /// <summary>Start of the charge period, UTC (inclusive).</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>End of the charge period, UTC (exclusive).</summary>
    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>The UTC day of <see cref="PeriodStart"/>: the cell's day.</summary>
    public DateOnly Day => DateOnly.FromDateTime(PeriodStart.UtcDateTime);

    public required BillingIdentityKind IdentityKind { get; init; }

    /// <summary>The id billed against (api key id, workspace id, project id, email, account id).</summary>
    public required string IdentityId { get; init; }

    /// <summary>The human name of the identity when the source gives it inline.</summary>
    public string? IdentityAlias { get; init; }

    /// <summary>The workspace (Anthropic), project (OpenAI) or sub-account (FOCUS) the identity sits in, when known.</summary>
    public string? GroupId { get; init; }

    /// <summary>Null for lines that are not about one model (web search, tax, a whole service).</summary>
    public string? Model { get; init; }

    public string? ServiceTier { get; init; }

    /// <summary>Token counts when the source gives them (usage reports); zero otherwise.</summary>
    public TokenCounts Tokens { get; init; }

    /// <summary>Requests counted by the source; 0 when not given.</summary>
    public long Requests { get; init; }

    /// <summary>
    /// Money in <see cref="Currency"/> (dollars, never cents): billed, or the source's own estimate.
    /// Null for token-only lines (usage reports), which the price book prices later.
    /// </summary>
    public decimal? Amount { get; init; }

    /// <summary>FOCUS <c>EffectiveCost</c> (amortised) when the source gives it.</summary>
    public decimal? EffectiveAmount { get; init; }

    /// <summary>FOCUS <c>ListCost</c> when the source gives it.</summary>
    public decimal? ListAmount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary><c>billed</c> (invoiced), <c>estimated</c> (the provider's own estimate), <c>unknown</c> (tokens only).</summary>
    public required CostBasis Basis { get; init; }

    /// <summary>FOCUS <c>ChargeCategory</c>: <c>Usage</c>, <c>Purchase</c>, <c>Tax</c>, <c>Credit</c>, <c>Adjustment</c>, or whatever the file says.</summary>
    public string ChargeCategory { get; init; } = "Usage";

    /// <summary>What was charged: token type, line item, FOCUS <c>SkuId</c>.</summary>
    public string? Sku { get; init; }

    /// <summary>The provider's line description (a price text, never content).</summary>
    public string? Description { get; init; }

    /// <summary>The service (FOCUS <c>ServiceName</c>, e.g. "Amazon Bedrock").</summary>
    public string? ServiceName { get; init; }

    /// <summary>Quantity and unit charged (FOCUS <c>ConsumedQuantity</c>/<c>ConsumedUnit</c>, OpenAI <c>quantity</c>).</summary>
    public decimal? Quantity { get; init; }

    public string? Unit { get; init; }

    /// <summary>Provider tags (FOCUS <c>Tags</c>): attribution input.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = Empty;

    /// <summary>Other fields kept as given: FOCUS <c>x_</c> columns, Anthropic <c>context_window</c>, <c>cost_type</c>, ….</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = Empty;

    /// <summary>A shared empty map for <see cref="Tags"/> and <see cref="Attributes"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
