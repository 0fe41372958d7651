namespace Receipts.Sources.Otlp;

/// <summary>How the OTLP receiver turns telemetry into usage records.</summary>
public sealed class OtlpIngestOptions
{
    public const string SectionName = "Otlp";

    /// <summary>The Claude Code spend ledger. Default: <see cref="ClaudeCodeCostSource.Events"/>.</summary>
    public ClaudeCodeCostSource ClaudeCodeCostSource { get; set; } = ClaudeCodeCostSource.Events;

    /// <summary>The GenAI spend ledger. Default: <see cref="GenAiUsageSource.Spans"/>.</summary>
    public GenAiUsageSource GenAiSource { get; set; } = GenAiUsageSource.Spans;

    /// <summary>The largest body accepted as sent (compressed or not). Default 16 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The largest body after gzip is undone; the OTLP spec recommends 64 MiB. Default 64 MiB.</summary>
    public long MaxDecompressedBytes { get; set; } = 64L * 1024 * 1024;
}
