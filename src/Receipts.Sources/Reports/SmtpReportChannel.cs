using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using Receipts.Domain.Alerts;
using Receipts.Sources.Alerts;

namespace Receipts.Sources.Reports;

/// <summary>
/// Emails a report through SMTP: multipart/alternative with the Markdown as the plain-text part and the
/// self-contained HTML page as the rich part. Connection and transient server errors are retried.
/// </summary>
public sealed class SmtpReportChannel(SmtpChannelConfig config, NetworkCredential? credential, AlertDeliveryOptions options) : IReportChannel
{
    public string Name => config.Name;

    public async Task<ChannelResult> SendAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attempts = 1;
        var pipeline = Retrying.Pipeline(options, IsTransient, () => attempts++);
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    using var mail = new MailMessage { From = new MailAddress(config.From), Subject = message.Title, SubjectEncoding = Encoding.UTF8 };
                    foreach (var to in config.To)
                    {
                        mail.To.Add(to);
                    }

                    var text = AlternateView.CreateAlternateViewFromString(message.Markdown, Encoding.UTF8, MediaTypeNames.Text.Plain);
                    text.TransferEncoding = TransferEncoding.QuotedPrintable;
                    var html = AlternateView.CreateAlternateViewFromString(message.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
                    html.TransferEncoding = TransferEncoding.QuotedPrintable;
                    mail.AlternateViews.Add(text);
                    mail.AlternateViews.Add(html);
                    using var client = new SmtpClient(config.Host, config.Port)
                    {
                        EnableSsl = config.Tls,
                        DeliveryMethod = SmtpDeliveryMethod.Network,
                        Credentials = credential,
                        Timeout = (int)options.AttemptTimeout.TotalMilliseconds,
                    };
                    await client.SendMailAsync(mail, token);
                },
                cancellationToken);
            return new ChannelResult(true, attempts, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ChannelResult(false, attempts, e is Polly.Timeout.TimeoutRejectedException ? "timed out" : e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);
        }
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
}
