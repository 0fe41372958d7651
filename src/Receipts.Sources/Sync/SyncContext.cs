using Receipts.Domain.Storage;

namespace Receipts.Sources.Sync;

/// <summary>What the sources of a sync run share: the stores, the clock and where secrets and home folders are found.</summary>
public sealed record SyncContext
{
    public required IUsageStore Usage { get; init; }

    public required IBillingStore Billing { get; init; }

    public required IOutcomeStore Outcomes { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>For <c>~</c> in paths and the agents' default folders.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Relative paths in <c>receipts.yaml</c> are resolved against this (the file's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Retries of the API clients on 429/5xx/timeouts. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;
}
