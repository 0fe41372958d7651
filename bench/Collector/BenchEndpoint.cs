namespace Receipts.Bench.Collector;

/// <summary>One ingest path the bench drives: where it posts, in which content type, and the source kind the server stores its records under.</summary>
internal sealed record BenchEndpoint(string Name, string Path, string ContentType, string SourceKind)
{
    /// <summary>Receipts' own JSON, <c>POST /v1/usage</c> (docs/collector.md).</summary>
    public static readonly BenchEndpoint Usage = new("usage", "/v1/usage", "application/json", "claude-code");

    /// <summary>What <c>receipts hook session-end</c> posts: the same schema, source kind <c>hook</c>.</summary>
    public static readonly BenchEndpoint Hooks = new("hooks", "/v1/hooks/usage", "application/json", "hook");

    /// <summary>OTLP/HTTP logs in the OTLP JSON mapping carrying Claude Code <c>claude_code.api_request</c> events (docs/collector-otlp.md).</summary>
    public static readonly BenchEndpoint Otlp = new("otlp", "/v1/logs", "application/json", "otel");

    /// <summary>The same OTLP logs in OTLP/protobuf (<c>application/x-protobuf</c>), as the OpenTelemetry SDKs' OTLP/HTTP exporters send them by default.</summary>
    public static readonly BenchEndpoint OtlpProtobuf = new("otlp-protobuf", "/v1/logs", "application/x-protobuf", "otel");

    /// <summary>The endpoints of a <c>--mix</c>; <c>mixed</c> interleaves usage, hooks and OTLP/JSON batch by batch, <c>mixed-protobuf</c> the same with OTLP/protobuf.</summary>
    public static IReadOnlyList<BenchEndpoint> ForMix(string mix) => mix switch
    {
        "usage" => [Usage],
        "hooks" => [Hooks],
        "otlp" => [Otlp],
        "otlp-protobuf" => [OtlpProtobuf],
        "mixed" => [Usage, Hooks, Otlp],
        "mixed-protobuf" => [Usage, Hooks, OtlpProtobuf],
        _ => throw new ArgumentException($"Unknown mix {mix}: usage, hooks, otlp, otlp-protobuf, mixed or mixed-protobuf"),
    };

    public byte[] Batch(string run, long batch, int size) => Name switch
    {
        "usage" => BatchGenerator.Batch(run, batch, size),
        "hooks" => BatchGenerator.HookBatch(run, batch, size),
        "otlp-protobuf" => Collector.OtlpProtobuf.FromJsonLogs(BatchGenerator.OtlpLogsBatch(run, batch, size)),
        _ => BatchGenerator.OtlpLogsBatch(run, batch, size),
    };
}
