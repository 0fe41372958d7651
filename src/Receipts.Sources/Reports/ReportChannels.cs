using System.Net;
using Receipts.Domain.Alerts;
using Receipts.Sources.Alerts;

namespace Receipts.Sources.Reports;

/// <summary>
/// The report channels of an <c>alerts:</c> section, limited to the named ones (all when none are named).
/// A channel whose secret is missing is left out and reported as a problem; the others still run.
/// </summary>
public static class ReportChannels
{
    public static (IReadOnlyList<IReportChannel> Channels, IReadOnlyList<string> Problems) Create(
        AlertsConfig config,
        IReadOnlyCollection<string> names,
        Func<string, string?> getVariable,
        HttpClient http,
        AlertDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(getVariable);
        bool Wanted(string name) => names.Count == 0 || names.Contains(name, StringComparer.Ordinal);
        var channels = new List<IReportChannel>();
        var problems = new List<string>();
        foreach (var webhook in config.Webhooks.Where(w => Wanted(w.Name)))
        {
            var url = webhook.Url ?? (webhook.UrlVariable is { } variable ? getVariable(variable) : null);
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{webhook.Name}: set {webhook.UrlVariable} to the webhook's http(s) URL");
                continue;
            }

            channels.Add(new WebhookReportChannel(webhook.Name, http, uri, webhook.Format, options));
        }

        foreach (var smtp in config.Email.Where(e => Wanted(e.Name)))
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

            channels.Add(new SmtpReportChannel(smtp, credential, options));
        }

        return (channels, problems);
    }

    /// <summary>Sends to every channel side by side; a failing or hanging channel only fails its own delivery.</summary>
    public static async Task<IReadOnlyList<AlertDelivery>> SendAsync(IReadOnlyList<IReportChannel> channels, ReportMessage message, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(time);
        var results = await Task.WhenAll(channels.Select(async channel =>
        {
            ChannelResult result;
            try
            {
                result = await channel.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new ChannelResult(false, 1, e.Message);
            }

            return new AlertDelivery(message.Key, channel.Name, result.Delivered, result.Attempts, result.Error, time.GetUtcNow());
        }));
        return results;
    }
}
