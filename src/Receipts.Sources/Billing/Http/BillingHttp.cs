using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Receipts.Sources.Billing.Http;

/// <summary>
/// The HTTP client of the billing importers: retries with exponential backoff and jitter on 429, 408, 5xx,
/// connection failures and attempt timeouts, waiting what <c>Retry-After</c> or the vendor's rate-limit
/// headers ask for (<see cref="RateLimitDelay"/>). Built on Microsoft.Extensions.Http.Resilience (Polly v8).
/// </summary>
public static class BillingHttp
{
    public static HttpClient CreateClient(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            DelayGenerator = args =>
            {
                var delay = args.Outcome.Result is { } response ? RateLimitDelay.From(response, options.Time.GetUtcNow()) : null;
                return ValueTask.FromResult(delay is { } d ? (TimeSpan?)(d > options.MaxDelay ? options.MaxDelay : d) : null);
            },
        };
        if (options.MaxRetries <= 0)
        {
            retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
            .AddRetry(retry)
            .Build();
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new AttemptTimeoutHandler(options.AttemptTimeout)
            {
                InnerHandler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All },
            },
        };
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Receipts/0.1");
        return client;
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (int)response.StatusCode >= 500,
        _ => false,
    };
}
