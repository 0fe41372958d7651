using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Receipts.Sources.Alerts;

/// <summary>The retry pipeline the channels share: exponential back-off with jitter, a timeout per attempt.</summary>
internal static class Retrying
{
    public static ResiliencePipeline Pipeline(AlertDeliveryOptions options, Func<Exception, bool> retryable, Action onAttempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 0) == 0 ? 1 : options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0 && args.Outcome.Exception is { } e && (e is TimeoutRejectedException || retryable(e))),
                OnRetry = _ =>
                {
                    onAttempt();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }
}
