using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Receipts.Domain.Alerts;
using Receipts.Sources.Alerts;

namespace Receipts.Sources.Reports;

/// <summary>
/// Posts a report to a webhook. Slack: an incoming-webhook message with the summary (<c>text</c> and one mrkdwn
/// section). Generic: <c>{ source, report, key, title, summary, markdown, body }</c> where <c>body</c> is the
/// report's JSON document. Retried like alerts: connection failures, timeouts, 429 and 5xx.
/// </summary>
public sealed class WebhookReportChannel(string name, HttpClient http, Uri url, WebhookFormat format, AlertDeliveryOptions options) : IReportChannel
{
    public string Name { get; } = name;

    public async Task<ChannelResult> SendAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Payload(message, format);
        var attempts = 1;
        var pipeline = Retrying.Pipeline(options, e => e is HttpRequestException or RetryableException, () => attempts++);
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(url, content, token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    var status = (int)response.StatusCode;
                    var text = $"HTTP {status} {response.ReasonPhrase}";
                    throw status == (int)HttpStatusCode.TooManyRequests || status >= 500 ? new RetryableException(text) : new InvalidOperationException(text);
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

    public static string Payload(ReportMessage message, WebhookFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (format == WebhookFormat.Slack)
        {
            return new JsonObject
            {
                ["text"] = message.Title,
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(message.Summary, 2900) } },
                    new JsonObject
                    {
                        ["type"] = "context",
                        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"receipts · {message.Key} · full report: receipts report {message.Report}" }),
                    }),
            }.ToJsonString();
        }

        return new JsonObject
        {
            ["source"] = "receipts",
            ["report"] = message.Report,
            ["key"] = message.Key,
            ["title"] = message.Title,
            ["summary"] = message.Summary,
            ["markdown"] = message.Markdown,
            ["body"] = JsonNode.Parse(message.Json),
        }.ToJsonString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed class RetryableException(string message) : Exception(message);
}
