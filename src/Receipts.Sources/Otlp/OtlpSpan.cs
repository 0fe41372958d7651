namespace Receipts.Sources.Otlp;

/// <summary>One span; events, links and status are not read.</summary>
internal sealed record OtlpSpan
{
    public required OtlpAttributes Resource { get; init; }

    public string? ScopeName { get; init; }

    public required string TraceId { get; init; }

    public required string SpanId { get; init; }

    public string? ParentSpanId { get; init; }

    public string? Name { get; init; }

    public int Kind { get; init; }

    public ulong StartTimeUnixNano { get; init; }

    public ulong EndTimeUnixNano { get; init; }

    public required OtlpAttributes Attributes { get; init; }
}
