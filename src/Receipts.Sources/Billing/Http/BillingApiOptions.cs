namespace Receipts.Sources.Billing.Http;

/// <summary>How to reach one provider's admin API.</summary>
public sealed class BillingApiOptions
{
    /// <summary>The API root, e.g. <c>https://api.anthropic.com</c> or <c>https://api.openai.com/v1</c> (<c>--api-url</c>).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The admin key. Sent in a header, never logged, never stored.</summary>
    public required string Secret { get; init; }

    /// <summary>Where the secret came from (<c>ANTHROPIC_ADMIN_KEY</c>): named in 401/403 errors.</summary>
    public required string SecretName { get; init; }

    /// <summary>Retries after the first attempt on 429, 5xx, 408 and timeouts. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay (exponential, with jitter). Default 1 second.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, also the cap for Retry-After. Default 2 minutes.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one attempt. Default 60 seconds.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock the retry delays wait on (tests record them instead of sleeping).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
