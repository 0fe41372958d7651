namespace Receipts.Server;

/// <summary>How <c>receipts serve</c> runs. CLI flags set these.</summary>
public sealed class ReceiptsServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Where Kestrel listens. Default: <c>http://127.0.0.1:5080</c> (loopback only).</summary>
    public IReadOnlyList<string> Urls { get; set; } = ["http://127.0.0.1:5080"];

    /// <summary>When true, <c>GET /metrics</c> needs no token. Default: false (a read token is required).</summary>
    public bool PublicMetrics { get; set; }

    /// <summary>Largest <c>POST /v1/usage</c> body, in bytes; bigger is answered 413. Default: 5 MB.</summary>
    public long UsageBodyLimitBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Largest OTLP/HTTP and hook body, in bytes. Default: 5 MB.</summary>
    public long OtlpBodyLimitBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a stopping server waits for in-flight batches to commit. Default: 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a looked-up token is trusted before the store is asked again: a revoked token stops
    /// working within this time. Default: 30 s.
    /// </summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On the embedded store: how long a batch waits for its commit before it is answered from the collector's journal
    /// instead (appended and fsynced there, applied to the store behind; docs/collector.md). DuckDB holds every commit
    /// for up to a second or more while it checkpoints; this keeps those stalls off the senders. Zero answers every
    /// batch from the journal; null never does (a 2xx then always means the store has committed it). Default: 20 ms.
    /// </summary>
    public TimeSpan? JournalAckAfter { get; set; } = TimeSpan.FromMilliseconds(20);
}
