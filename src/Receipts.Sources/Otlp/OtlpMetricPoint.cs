namespace Receipts.Sources.Otlp;

/// <summary>
/// One data point with everything around it flattened in: resource, scope and metric. For number
/// points <see cref="Value"/> is the value; for histograms and summaries it is the point's sum and
/// <see cref="Count"/> its count. Null <see cref="Value"/> means the point had no usable number.
/// </summary>
internal sealed record OtlpMetricPoint
{
    public required OtlpAttributes Resource { get; init; }

    public string? ScopeName { get; init; }

    public required string MetricName { get; init; }

    public string? Unit { get; init; }

    public required OtlpMetricKind Kind { get; init; }

    public OtlpTemporality Temporality { get; init; }

    public bool IsMonotonic { get; init; }

    public ulong StartTimeUnixNano { get; init; }

    public ulong TimeUnixNano { get; init; }

    public decimal? Value { get; init; }

    public ulong Count { get; init; }

    public required OtlpAttributes Attributes { get; init; }
}
