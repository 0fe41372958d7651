using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Usage;
using Receipts.Sources.Bedrock;

namespace Receipts.Sources.Focus;

/// <summary>
/// Turns one FOCUS row into a <see cref="BillingLine"/> (basis billed, amount = <c>BilledCost</c>), or says
/// which column is wrong. <c>NULL</c> and empty cells are null. Enum values are matched case-insensitively
/// and unknown <c>ChargeCategory</c> values are kept as given.
/// </summary>
internal sealed class FocusLineMapper
{
    private static readonly string[] Categories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];

    private readonly FocusColumns _c;
    private readonly StringPool _pool;
    private readonly Dictionary<string, long> _ordinals = new(StringComparer.Ordinal);

    // Rows repeat the same tags and attributes; equal ones share one map (and the store serialises it once).
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _tagMaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _attributeMaps = new(StringComparer.Ordinal);
    private readonly int _billedCost, _effectiveCost, _listCost, _currency, _accountId, _accountName, _billingPeriodStart,
        _category, _chargeClass, _description, _frequency, _periodStart, _periodEnd, _quantity, _unit, _provider,
        _serviceName, _serviceCategory, _skuId, _subAccountId, _subAccountName, _tags, _model, _inputTokens,
        _outputTokens, _cacheReadTokens, _cacheWriteTokens, _cacheWrite1hTokens, _requests, _serviceTier,
        _resourceId, _usageType, _serviceCode;

    public FocusLineMapper(FocusColumns columns, StringPool pool)
    {
        _c = columns;
        _pool = pool;
        _billedCost = columns["BilledCost"];
        _effectiveCost = columns["EffectiveCost"];
        _listCost = columns["ListCost"];
        _currency = columns["BillingCurrency"];
        _accountId = columns["BillingAccountId"];
        _accountName = columns["BillingAccountName"];
        _billingPeriodStart = columns["BillingPeriodStart"];
        _category = columns["ChargeCategory"];
        _chargeClass = columns["ChargeClass"];
        _description = columns["ChargeDescription"];
        _frequency = columns["ChargeFrequency"];
        _periodStart = columns["ChargePeriodStart"];
        _periodEnd = columns["ChargePeriodEnd"];
        _quantity = columns["ConsumedQuantity"];
        _unit = columns["ConsumedUnit"];
        _provider = columns.Provider;
        _serviceName = columns["ServiceName"];
        _serviceCategory = columns["ServiceCategory"];
        _skuId = columns["SkuId"];
        _subAccountId = columns["SubAccountId"];
        _subAccountName = columns["SubAccountName"];
        _tags = columns["Tags"];
        _model = columns["x_Model"];
        _inputTokens = columns["x_InputTokens"];
        _outputTokens = columns["x_OutputTokens"];
        _cacheReadTokens = columns["x_CacheReadTokens"];
        _cacheWriteTokens = columns["x_CacheWriteTokens"];
        _cacheWrite1hTokens = columns["x_CacheWrite1hTokens"];
        _requests = columns["x_Requests"];
        _serviceTier = columns["x_ServiceTier"];
        _resourceId = columns["ResourceId"];
        _usageType = columns["x_UsageType"];
        _serviceCode = columns["x_ServiceCode"];
    }

    /// <summary>Maps the current row; on failure returns null and sets <paramref name="column"/> and <paramref name="error"/>.</summary>
    public BillingLine? Map(IFocusRecordSource row, out string? column, out string? error)
    {
        column = null;
        error = null;
        if (!TryDecimal(row, _billedCost, required: true, out var billed, ref column, ref error)
            || !TryDecimal(row, _effectiveCost, required: false, out var effective, ref column, ref error)
            || !TryDecimal(row, _listCost, required: false, out var list, ref column, ref error)
            || !TryDecimal(row, _quantity, required: false, out var quantity, ref column, ref error)
            || !TryDate(row, _periodStart, out var start, ref column, ref error)
            || !TryDate(row, _periodEnd, out var end, ref column, ref error)
            || !TryDate(row, _billingPeriodStart, out var billingStart, ref column, ref error))
        {
            return null;
        }

        if (end < start)
        {
            (column, error) = (_c.Names[_periodEnd], "ChargePeriodEnd is before ChargePeriodStart");
            return null;
        }

        var currency = Text(row, _currency);
        if (currency is null || currency.Length != 3)
        {
            (column, error) = (_c.Names[_currency], $"'{row.Field(_currency)}' is not an ISO 4217 currency code");
            return null;
        }

        var provider = Text(row, _provider);
        var accountId = Text(row, _accountId);
        var category = Text(row, _category);
        if (provider is null || accountId is null || category is null)
        {
            var index = provider is null ? _provider : accountId is null ? _accountId : _category;
            (column, error) = (_c.Names[index], "a value is required");
            return null;
        }

        IReadOnlyDictionary<string, string> tags = BillingLine.Empty;
        if (_tags >= 0 && !IsNull(row.Field(_tags)))
        {
            var text = row.Field(_tags);
            if (!_tagMaps.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out tags!))
            {
                if (!TryTags(text, out tags, out var tagError))
                {
                    (column, error) = (_c.Names[_tags], tagError);
                    return null;
                }

                if (_tagMaps.Count < 100_000)
                {
                    _tagMaps[text.ToString()] = tags;
                }
            }
        }

        if (!TryTokens(row, out var tokens, out var requests, ref column, ref error))
        {
            return null;
        }

        provider = _pool.Get(provider.Trim().ToLowerInvariant());
        var dataset = _pool.Get($"{provider}|{accountId}|{billingStart.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var ordinal = _ordinals.TryGetValue(dataset, out var n) ? n + 1 : 1;
        _ordinals[dataset] = ordinal;
        var subAccount = Text(row, _subAccountId);
        var identityKind = subAccount is null ? BillingIdentityKind.Organisation : BillingIdentityKind.Account;
        var model = Text(row, _model);
        var serviceName = Text(row, _serviceName);
        var sku = Text(row, _skuId);
        var description = Text(row, _description);
        if ((provider == "aws" || provider.StartsWith("amazon web services", StringComparison.Ordinal)) && BedrockBillingLine.IsBedrock(serviceName, Text(row, _serviceCode)))
        {
            // Bedrock: the account the model ran in (the invocation log's accountId) is the identity, as a
            // workspace like the log records, and the model comes from the resource ARN, usage type or SKU.
            provider = "aws";
            identityKind = BillingIdentityKind.Workspace;
            model ??= BedrockBillingLine.ModelOf(Text(row, _resourceId), Text(row, _usageType), sku, serviceName, description);
        }

        return new BillingLine
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"focus:{dataset}:{ordinal}"),
            Source = "focus",
            Dataset = dataset,
            Provider = provider,
            PeriodStart = start,
            PeriodEnd = end,
            IdentityKind = identityKind,
            IdentityId = subAccount ?? accountId,
            IdentityAlias = subAccount is null ? Text(row, _accountName) : Text(row, _subAccountName),
            GroupId = subAccount,
            Model = model,
            ServiceTier = Text(row, _serviceTier),
            Tokens = tokens,
            Requests = requests,
            Amount = billed,
            EffectiveAmount = effective,
            ListAmount = list,
            Currency = currency.ToUpperInvariant(),
            Basis = CostBasis.Billed,
            ChargeCategory = Category(category),
            Sku = sku,
            Description = description,
            ServiceName = serviceName,
            Quantity = quantity,
            Unit = Text(row, _unit),
            Tags = tags,
            Attributes = Attributes(row, accountId),
        };
    }

    private IReadOnlyDictionary<string, string> Attributes(IFocusRecordSource row, string accountId)
    {
        if (_c.Custom.Count > 0)
        {
            return NewAttributes(row, accountId);
        }

        var key = string.Join('\u001f', accountId, Text(row, _serviceCategory), Text(row, _chargeClass), Text(row, _frequency));
        if (!_attributeMaps.TryGetValue(key, out var attributes))
        {
            attributes = NewAttributes(row, accountId);
            if (_attributeMaps.Count < 100_000)
            {
                _attributeMaps[key] = attributes;
            }
        }

        return attributes;
    }

    private Dictionary<string, string> NewAttributes(IFocusRecordSource row, string accountId)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["BillingAccountId"] = accountId };
        Add(attributes, row, _serviceCategory);
        Add(attributes, row, _chargeClass);
        Add(attributes, row, _frequency);
        foreach (var (index, name) in _c.Custom)
        {
            Add(attributes, row, index, name);
        }

        return attributes;
    }

    private void Add(Dictionary<string, string> attributes, IFocusRecordSource row, int index, string? name = null)
    {
        if (index >= 0 && Text(row, index) is { } value)
        {
            attributes[name ?? _c.Names[index]] = value;
        }
    }

    private static string Category(string value)
    {
        foreach (var known in Categories)
        {
            if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return value;
    }

    private bool TryTokens(IFocusRecordSource row, out TokenCounts tokens, out long requests, ref string? column, ref string? error)
    {
        tokens = default;
        requests = 0;
        if (!TryLong(row, _inputTokens, out var input, ref column, ref error)
            || !TryLong(row, _outputTokens, out var output, ref column, ref error)
            || !TryLong(row, _cacheReadTokens, out var cacheRead, ref column, ref error)
            || !TryLong(row, _cacheWriteTokens, out var cacheWrite, ref column, ref error)
            || !TryLong(row, _cacheWrite1hTokens, out var cacheWrite1h, ref column, ref error)
            || !TryLong(row, _requests, out requests, ref column, ref error))
        {
            return false;
        }

        // x_CacheWriteTokens is all cache writes; x_CacheWrite1hTokens, when given, is the 1-hour part of it.
        cacheWrite1h = Math.Min(cacheWrite1h, cacheWrite);
        tokens = new TokenCounts(input, output, cacheRead, cacheWrite - cacheWrite1h, cacheWrite1h);
        return true;
    }

    private bool TryLong(IFocusRecordSource row, int index, out long value, ref string? column, ref string? error)
    {
        value = 0;
        if (index < 0 || IsNull(row.Field(index)))
        {
            return true;
        }

        if (long.TryParse(row.Field(index), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0)
        {
            return true;
        }

        (column, error) = (_c.Names[index], $"'{row.Field(index)}' is not a token count");
        return false;
    }

    private bool TryDecimal(IFocusRecordSource row, int index, bool required, out decimal? value, ref string? column, ref string? error)
    {
        value = null;
        if (index < 0)
        {
            return true;
        }

        var text = row.Field(index);
        if (IsNull(text))
        {
            if (!required)
            {
                return true;
            }

            (column, error) = (_c.Names[index], "a value is required");
            return false;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        (column, error) = (_c.Names[index], $"'{text}' is not a decimal number");
        return false;
    }

    private bool TryDate(IFocusRecordSource row, int index, out DateTimeOffset value, ref string? column, ref string? error)
    {
        var text = row.Field(index);
        if (!IsNull(text) && FocusDates.TryParse(text, out value))
        {
            return true;
        }

        value = default;
        (column, error) = (_c.Names[index], IsNull(text) ? "a date/time is required" : $"'{text}' is not a date/time (expected 2024-09-18T22:00:00Z)");
        return false;
    }

    private string? Text(IFocusRecordSource row, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var text = row.Field(index);
        return IsNull(text) ? null : _pool.Get(text);
    }

    private static bool IsNull(ReadOnlySpan<char> text) => text.IsEmpty || text.SequenceEqual("NULL") || text.IsWhiteSpace();

    private static bool TryTags(ReadOnlySpan<char> text, out IReadOnlyDictionary<string, string> tags, out string? error)
    {
        tags = BillingLine.Empty;
        error = null;
        try
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text.ToArray()));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "Tags is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                string value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString()!;
                        break;
                    case JsonTokenType.Number:
                        value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.True:
                        value = "true";
                        break;
                    case JsonTokenType.False:
                        value = "false";
                        break;
                    case JsonTokenType.Null:
                        value = string.Empty;
                        break;
                    default:
                        error = $"Tags value of '{key}' is an object or array; FOCUS tag values are strings, numbers or booleans";
                        return false;
                }

                map[key] = value;
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                error = "Tags is not a JSON object";
                return false;
            }

            tags = map;
            return true;
        }
        catch (JsonException e)
        {
            error = $"Tags is not valid JSON ({e.Message})";
            return false;
        }
    }
}
