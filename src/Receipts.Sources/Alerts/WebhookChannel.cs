using System.Net;
using System.Text;
using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// Posts alerts as JSON to a webhook (Slack-compatible or generic). Connection failures, timeouts, 429 and
/// 5xx are retried with back-off; any other 4xx is final (the URL or payload is wrong, retrying will not help).
/// </summary>
public sealed class WebhookChannel : IAlertChannel
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly WebhookFormat _format;
    private readonly AlertDeliveryOptions _options;

    public WebhookChannel(string name, HttpClient http, Uri url, WebhookFormat format, AlertDeliveryOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _http = http;
        _url = url;
        _format = format;
        _options = options;
    }

    public string Name { get; }

    public async Task<ChannelResult> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = WebhookPayload.Build(alert, _format);
        var attempts = 1;
        var pipeline = Retrying.Pipeline(_options, e => e is HttpRequestException or RetryableStatusException, () => attempts++);
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await _http.PostAsync(_url, content, token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    var status = (int)response.StatusCode;
                    var message = $"HTTP {status} {response.ReasonPhrase}";
                    throw status == (int)HttpStatusCode.TooManyRequests || status >= 500
                        ? new RetryableStatusException(message)
                        : new InvalidOperationException(message);
                },
                cancellationToken);
            return new ChannelResult(true, attempts, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Never the URL: Slack webhook URLs are secrets.
            return new ChannelResult(false, attempts, e is Polly.Timeout.TimeoutRejectedException ? "timed out" : e.Message);
        }
    }

    private sealed class RetryableStatusException(string message) : Exception(message);
}
