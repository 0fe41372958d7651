namespace Receipts.Sources.Alerts;

/// <summary>How hard a channel tries before it gives up on an alert.</summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>Retries after the first attempt. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay, doubling each time (with jitter). Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time limit of one attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for the retry delays. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
