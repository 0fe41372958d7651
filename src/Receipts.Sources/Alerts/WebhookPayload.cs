using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// The JSON a webhook receives. Slack: an incoming-webhook message (<c>text</c> as the fallback and one
/// mrkdwn section). Generic: every field of the alert, camelCase, money as numbers, instants ISO 8601 UTC.
/// </summary>
public static class WebhookPayload
{
    public static string Build(Alert alert, WebhookFormat format)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return format switch
        {
            WebhookFormat.Slack => Slack(alert),
            WebhookFormat.Generic => Generic(alert),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    private static string Slack(Alert alert)
    {
        var icon = alert.Severity switch
        {
            AlertSeverity.Critical => ":rotating_light:",
            AlertSeverity.Warning => ":warning:",
            _ => ":information_source:",
        };
        var node = new JsonObject
        {
            ["text"] = $"{alert.Title}: {alert.Detail}",
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"{icon} *{Escape(alert.Title)}*\n{Escape(alert.Detail)}" },
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"receipts · {alert.Kind} · {alert.Key}" }),
                }),
        };
        return node.ToJsonString();
    }

    private static string Generic(Alert alert)
    {
        var node = new JsonObject
        {
            ["source"] = "receipts",
            ["key"] = alert.Key,
            ["kind"] = JsonNamingPolicy.KebabCaseLower.ConvertName(alert.Kind.ToString()),
            ["severity"] = alert.Severity.ToString().ToLowerInvariant(),
            ["subject"] = alert.Subject,
            ["title"] = alert.Title,
            ["detail"] = alert.Detail,
            ["raisedAt"] = alert.RaisedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["since"] = alert.Since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["observed"] = alert.Observed,
            ["expected"] = alert.Expected,
            ["driver"] = alert.Driver,
        };
        return node.ToJsonString();
    }

    /// <summary>Slack's mrkdwn needs &amp;, &lt; and &gt; escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
