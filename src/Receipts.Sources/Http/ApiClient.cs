using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace Receipts.Sources.Http;

/// <summary>
/// A small JSON-over-HTTP client shared by the hosted sources: credentials on every request,
/// conditional GETs (ETag → If-None-Match), retries with exponential backoff on 5xx and network errors,
/// rate limits honoured (Retry-After, x-ratelimit-remaining/reset), and every failure turned into one
/// <see cref="SourceException"/> that names the URL and says what to do — never the secret.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly ApiClientOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset? _quotaResetsAt;

    public ApiClient(ApiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = options.Handler is null ? new HttpClient() : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = options.Timeout;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("receipts", "1.0"));
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RateLimit.WaitFor(response, _options.Time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero ? wait : (TimeSpan?)null : null),
                OnRetry = args =>
                {
                    Retries++;
                    _waits.Add(args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>What messages call the credential (never its value).</summary>
    public string CredentialDescription => _options.CredentialDescription;

    /// <summary>Requests sent, retries included.</summary>
    public int Requests { get; private set; }

    /// <summary>Retries made after a 5xx, a throttle or a network error.</summary>
    public int Retries { get; private set; }

    /// <summary>Every wait: retry backoffs and rate-limit pauses, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits;

    /// <summary>GETs <paramref name="url"/>; with <paramref name="ifNoneMatch"/>, a 304 comes back as <see cref="ApiPage.NotModified"/>.</summary>
    public Task<ApiPage> GetAsync(Uri url, string? ifNoneMatch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, null, ifNoneMatch, cancellationToken);

    /// <summary>POSTs a JSON body (GraphQL) and reads the JSON answer.</summary>
    public Task<ApiPage> PostJsonAsync(Uri url, string json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, url, json, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<ApiPage> SendAsync(HttpMethod method, Uri url, string? json, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        await WaitForQuotaAsync(url, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(method, url);
                    _options.Authorize(request.Headers);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    if (ifNoneMatch is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
                    }

                    if (json is not null)
                    {
                        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                    }

                    Requests++;
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SourceException(
                $"Cannot reach {_options.Service} at {url}: {e.Message}",
                "Check the URL (--api-url / --site), your network and proxy settings.",
                e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(
                $"{_options.Service} did not answer within {_options.Timeout.TotalSeconds:0} s at {url}.",
                "Check the URL and your network, then run again.",
                e);
        }

        using (response)
        {
            NoteQuota(response);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new ApiPage(url, NotModified: true, default, ETagOf(response) ?? ifNoneMatch, null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                var said = ServerMessage.Read(await response.Content.ReadAsStringAsync(cancellationToken));
                var failure = Failure(url, response, said);
                throw said is null ? failure : new SourceException($"{failure.Message} It said: {said}", failure.Hint);
            }

            JsonElement root;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new PageReader(_options.Service, url).Malformed($"the body is not valid JSON ({e.Message})");
            }

            var nextPageNumber = response.Headers.TryGetValues("x-next-page", out var pages) ? pages.FirstOrDefault() : null;
            var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Next(links, url) : null;
            return new ApiPage(url, NotModified: false, root, ETagOf(response), next, string.IsNullOrWhiteSpace(nextPageNumber) ? null : nextPageNumber.Trim());
        }
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return true;
        }

        return RateLimit.WaitFor(response, _options.Time.GetUtcNow()) is { } wait && wait <= _options.MaxRateLimitWait;
    }

    /// <summary>After an answer said the quota is spent, the next request waits for the reset instead of being refused.</summary>
    private async Task WaitForQuotaAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_quotaResetsAt is not { } resetsAt)
        {
            return;
        }

        var wait = resetsAt - _options.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait <= TimeSpan.Zero)
        {
            _quotaResetsAt = null;
            return;
        }

        if (wait > _options.MaxRateLimitWait)
        {
            throw RateLimited(url, resetsAt);
        }

        _waits.Add(wait);
        await Task.Delay(wait, _options.Time, cancellationToken);
        _quotaResetsAt = null;
    }

    private void NoteQuota(HttpResponseMessage response) => _quotaResetsAt = RateLimit.ExhaustedUntil(response);

    private SourceException Failure(Uri url, HttpResponseMessage response, string? said)
    {
        var status = (int)response.StatusCode;
        var now = _options.Time.GetUtcNow();
        if (RateLimit.WaitFor(response, now) is { } wait)
        {
            return RateLimited(url, now + wait);
        }

        return response.StatusCode switch
        {
            // GraphQL APIs (Linear) answer a bad key with 400 and an authentication error in the body.
            HttpStatusCode.BadRequest when said?.Contains("authenticat", StringComparison.OrdinalIgnoreCase) == true => new SourceException(
                $"{_options.Service} rejected {_options.CredentialDescription} (400) at {url}.", _options.CredentialHint),
            HttpStatusCode.Unauthorized => new SourceException(
                $"{_options.Service} rejected {_options.CredentialDescription} (401) at {url}.", _options.CredentialHint),
            HttpStatusCode.Forbidden => new SourceException(
                $"{_options.Service} refused {_options.CredentialDescription} access to {url} (403).", _options.CredentialHint),
            HttpStatusCode.NotFound => new SourceException(
                $"{_options.Service} has nothing at {url} (404).",
                $"Check the name and the --api-url; a private one also answers 404 when {_options.CredentialDescription} cannot see it."),
            _ when status >= 500 => new SourceException(
                $"{_options.Service} kept failing at {url}: {status} {response.ReasonPhrase} after {_options.MaxRetries} retries.",
                "The service is having trouble; run again later."),
            _ => new SourceException(
                $"{_options.Service} answered {status} {response.ReasonPhrase} at {url}.",
                "Check the options you passed; run with --verbose for details."),
        };
    }

    private SourceException RateLimited(Uri url, DateTimeOffset until) => new(
        $"{_options.Service} rate limit reached at {url}; it resets at {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.",
        "Nothing was written. Run again after the reset; imports are incremental and resume from the last run.");

    private static string? ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString();
}
