namespace Receipts.Sources.Hooks;

/// <summary>What became of one POST.</summary>
internal enum HookSendResult
{
    /// <summary>2xx: the server committed it.</summary>
    Sent,

    /// <summary>Unreachable, timed out, 5xx, 408, 429, 401/403 (a token not set yet): keep it and retry later.</summary>
    Retry,

    /// <summary>Another 4xx: the server will never take this body; it is set aside, not retried.</summary>
    Rejected,
}
