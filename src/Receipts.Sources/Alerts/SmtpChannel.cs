using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// Sends alerts as plain-text email through SMTP (System.Net.Mail; STARTTLS when <see cref="SmtpChannelConfig.Tls"/>).
/// Connection and transient server errors are retried with back-off.
/// </summary>
public sealed class SmtpChannel : IAlertChannel
{
    private readonly SmtpChannelConfig _config;
    private readonly NetworkCredential? _credential;
    private readonly AlertDeliveryOptions _options;

    public SmtpChannel(SmtpChannelConfig config, NetworkCredential? credential, AlertDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        _config = config;
        _credential = credential;
        _options = options;
    }

    public string Name => _config.Name;

    public Task<ChannelResult> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return SmtpDelivery.SendAsync(
            _config,
            _credential,
            _options,
            () => new MailMessage
            {
                Subject = "[receipts] " + alert.Title,
                SubjectEncoding = Encoding.UTF8,
                Body = Body(alert),
                BodyEncoding = Encoding.UTF8,

                // Mostly ASCII text stays readable on the wire (and in a test sink), unlike base64.
                BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            },
            cancellationToken);
    }

    internal static string Body(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var lines = new List<string> { alert.Title, string.Empty, alert.Detail, string.Empty, $"Severity: {alert.Severity}", $"Raised: {alert.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC" };
        if (alert.Since is { } since)
        {
            lines.Add($"Since: {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        lines.Add($"Alert: {alert.Key}");
        lines.Add(string.Empty);
        lines.Add("See all alerts with: receipts alerts");
        return string.Join("\r\n", lines);
    }
}
