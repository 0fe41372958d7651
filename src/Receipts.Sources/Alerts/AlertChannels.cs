using System.Net;
using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// Builds the channels of an <c>alerts:</c> section, reading secrets from the environment. A channel whose
/// variable is missing is left out and reported as a problem, so the others still run.
/// </summary>
public static class AlertChannels
{
    public static (IReadOnlyList<IAlertChannel> Channels, IReadOnlyList<string> Problems) Create(
        AlertsConfig config,
        Func<string, string?> getVariable,
        HttpClient http,
        AlertDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(getVariable);
        var channels = new List<IAlertChannel>();
        var problems = new List<string>();
        foreach (var webhook in config.Webhooks)
        {
            var url = webhook.Url ?? (webhook.UrlVariable is { } variable ? getVariable(variable) : null);
            if (string.IsNullOrWhiteSpace(url))
            {
                problems.Add($"{webhook.Name}: environment variable {webhook.UrlVariable} is not set; set it to the webhook URL");
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{webhook.Name}: {webhook.UrlVariable} is not an http(s) URL");
                continue;
            }

            channels.Add(new WebhookChannel(webhook.Name, http, uri, webhook.Format, options));
        }

        foreach (var smtp in config.Email)
        {
            NetworkCredential? credential = null;
            if (smtp.UserVariable is { } userVariable)
            {
                var user = getVariable(userVariable);
                var password = smtp.PasswordVariable is { } passwordVariable ? getVariable(passwordVariable) : null;
                if (string.IsNullOrEmpty(user) || (smtp.PasswordVariable is not null && password is null))
                {
                    problems.Add($"{smtp.Name}: set {userVariable}{(smtp.PasswordVariable is null ? string.Empty : " and " + smtp.PasswordVariable)} for the SMTP login");
                    continue;
                }

                credential = new NetworkCredential(user, password);
            }

            channels.Add(new SmtpChannel(smtp, credential, options));
        }

        return (channels, problems);
    }
}
