namespace Receipts.Sources.Focus;

/// <summary>
/// Where each FOCUS column sits in a file's header, across versions 1.0–1.3: 1.3's <c>ServiceProviderName</c>
/// wins over the deprecated <c>ProviderName</c>; pre-1.0 names (<c>ChargeType</c>, <c>UsageQuantity</c>,
/// <c>UsageUnit</c>, <c>AmortizedCost</c>) map to their successors. Names match case-insensitively.
/// -1 means absent. Columns starting <c>x_</c> are custom and kept as attributes; other unknown columns are ignored.
/// </summary>
internal sealed class FocusColumns
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ChargeType"] = "ChargeCategory",
        ["UsageQuantity"] = "ConsumedQuantity",
        ["UsageUnit"] = "ConsumedUnit",
        ["AmortizedCost"] = "EffectiveCost",
    };

    private static readonly string[] Required =
    [
        "BilledCost", "BillingCurrency", "BillingAccountId", "BillingPeriodStart", "ChargeCategory", "ChargePeriodStart", "ChargePeriodEnd",
    ];

    private readonly Dictionary<string, int> _index;

    private FocusColumns(IReadOnlyList<string> header)
    {
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var custom = new List<(int, string)>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.StartsWith("x_", StringComparison.OrdinalIgnoreCase))
            {
                custom.Add((i, name));
            }

            var canonical = Renamed.TryGetValue(name, out var renamed) ? renamed : name;
            _index.TryAdd(canonical, i);
        }

        Custom = custom;
        Names = header;
        Version = this["ServiceProviderName"] >= 0 || this["HostProviderName"] >= 0 ? "1.3"
            : this["BillingAccountType"] >= 0 || this["InvoiceId"] >= 0 || this["PricingCurrency"] >= 0 || this["SubAccountType"] >= 0 ? "1.2"
            : this["ServiceSubcategory"] >= 0 || this["SkuMeter"] >= 0 || this["CommitmentDiscountQuantity"] >= 0 || this["CapacityReservationId"] >= 0 ? "1.1"
            : "1.0";
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The FOCUS version the header looks like (by the newest column present).</summary>
    public string Version { get; }

    public IReadOnlyList<(int Index, string Name)> Custom { get; }

    public int this[string name] => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The provider column: <c>ServiceProviderName</c> (1.3) if present, else <c>ProviderName</c>.</summary>
    public int Provider => this["ServiceProviderName"] is >= 0 and var s ? s : this["ProviderName"];

    /// <summary>Reads a header; <paramref name="missing"/> lists the mandatory columns it lacks.</summary>
    public static FocusColumns Resolve(IReadOnlyList<string> header, out IReadOnlyList<string> missing)
    {
        var columns = new FocusColumns(header);
        var absent = Required.Where(r => columns[r] < 0).ToList();
        if (columns.Provider < 0)
        {
            absent.Add("ServiceProviderName (or ProviderName)");
        }

        missing = absent;
        return columns;
    }
}
