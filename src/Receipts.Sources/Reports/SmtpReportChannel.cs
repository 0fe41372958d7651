using System.Net;
using System.Net.Mail;
using System.Net.Mime;
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

    public Task<ChannelResult> SendAsync(ReportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SmtpDelivery.SendAsync(
            config,
            credential,
            options,
            () =>
            {
                var mail = new MailMessage { Subject = message.Title, SubjectEncoding = Encoding.UTF8 };
                var text = AlternateView.CreateAlternateViewFromString(message.Markdown, Encoding.UTF8, MediaTypeNames.Text.Plain);
                text.TransferEncoding = TransferEncoding.QuotedPrintable;
                var html = AlternateView.CreateAlternateViewFromString(message.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
                html.TransferEncoding = TransferEncoding.QuotedPrintable;
                mail.AlternateViews.Add(text);
                mail.AlternateViews.Add(html);
                return mail;
            },
            cancellationToken);
    }
}
