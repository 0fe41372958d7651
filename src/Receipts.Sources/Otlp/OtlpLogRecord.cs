namespace Receipts.Sources.Otlp;

/// <summary>
/// One log record (a Claude Code event). The body is never kept; only when it is a short
/// identifier-like string (Claude Code puts the event name there) is it kept as <see cref="BodyName"/>.
/// </summary>
internal sealed record OtlpLogRecord
{
    public required OtlpAttributes Resource { get; init; }

    public string? ScopeName { get; init; }

    public ulong TimeUnixNano { get; init; }

    public ulong ObservedTimeUnixNano { get; init; }

    /// <summary>OTLP <c>LogRecord.event_name</c> (field 12), when set.</summary>
    public string? EventName { get; init; }

    public string? BodyName { get; init; }

    public required OtlpAttributes Attributes { get; init; }

    public string? TraceId { get; init; }

    public string? SpanId { get; init; }
}
