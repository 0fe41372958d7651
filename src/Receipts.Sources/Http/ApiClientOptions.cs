using System.Net.Http.Headers;

namespace Receipts.Sources.Http;

/// <summary>How an <see cref="ApiClient"/> talks to one service.</summary>
public sealed record ApiClientOptions
{
    /// <summary>The service's name in messages: <c>GitHub</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Adds the credential to each request (Authorization header).</summary>
    public required Action<HttpRequestHeaders> Authorize { get; init; }

    /// <summary>What error messages call the credential (<c>the token in GITHUB_TOKEN</c>), never its value.</summary>
    public required string CredentialDescription { get; init; }

    /// <summary>How to get a working credential, shown on 401/403.</summary>
    public required string CredentialHint { get; init; }

    /// <summary>The clock for backoff and rate-limit waits. Default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Retries after a 5xx, a rate limit or a network error. Default: 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay, doubled each retry, with jitter. Default: 1 second.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest rate-limit wait accepted; a longer one fails with the reset time. Default: 15 minutes.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Per-request timeout. Default: 100 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>A handler to send through (tests); default: a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
