namespace Receipts.Domain.Tokens;

/// <summary>What a collector or API token may do. <see cref="Admin"/> may do everything.</summary>
public enum TokenScope
{
    /// <summary>Send usage to the collector endpoints (<c>/v1/usage</c>, OTLP, hooks).</summary>
    Ingest = 0,

    /// <summary>Read reports and <c>/metrics</c>.</summary>
    Read = 1,

    /// <summary>Everything, including token management.</summary>
    Admin = 2,
}
