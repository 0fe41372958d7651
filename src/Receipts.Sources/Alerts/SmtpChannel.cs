using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
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

    public async Task<ChannelResult> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var attempts = 1;
        var pipeline = Retrying.Pipeline(_options, IsTransient, () => attempts++);
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    using var message = new MailMessage
                    {
                        From = new MailAddress(_config.From),
                        Subject = "[receipts] " + alert.Title,
                        SubjectEncoding = Encoding.UTF8,
                        Body = Body(alert),
                        BodyEncoding = Encoding.UTF8,

                        // Mostly ASCII text stays readable on the wire (and in a test sink), unlike base64.
                        BodyTransferEncoding = TransferEncoding.QuotedPrintable,
                    };
                    foreach (var to in _config.To)
                    {
                        message.To.Add(to);
                    }

                    using var client = new SmtpClient(_config.Host, _config.Port)
                    {
                        EnableSsl = _config.Tls,
                        DeliveryMethod = SmtpDeliveryMethod.Network,
                        Credentials = _credential,
                        Timeout = (int)_options.AttemptTimeout.TotalMilliseconds,
                    };
                    await client.SendMailAsync(message, token);
                },
                cancellationToken);
            return new ChannelResult(true, attempts, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ChannelResult(false, attempts, e is Polly.Timeout.TimeoutRejectedException ? "timed out" : Flatten(e));
        }
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

    private static bool IsTransient(Exception e) => e switch
    {
        SmtpFailedRecipientsException => false,
        SmtpException smtp => smtp.StatusCode is SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.MailboxBusy
            or SmtpStatusCode.TransactionFailed or SmtpStatusCode.LocalErrorInProcessing or SmtpStatusCode.InsufficientStorage
            or SmtpStatusCode.GeneralFailure,
        IOException or SocketException => true,
        _ => false,
    };

    private static string Flatten(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
}
