using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// One email through SMTP (System.Net.Mail; STARTTLS when <see cref="SmtpChannelConfig.Tls"/>), for alerts and reports
/// alike: connection and transient server errors retried with back-off, the outcome as a <see cref="ChannelResult"/>.
/// </summary>
internal static class SmtpDelivery
{
    /// <param name="build">Makes the message afresh for each attempt (a sent MailMessage cannot be sent again).</param>
    public static async Task<ChannelResult> SendAsync(
        SmtpChannelConfig config,
        NetworkCredential? credential,
        AlertDeliveryOptions options,
        Func<MailMessage> build,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(build);
        var attempts = 1;
        var pipeline = Retrying.Pipeline(options, IsTransient, () => attempts++);
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    using var message = build();
                    message.From = new MailAddress(config.From);
                    foreach (var to in config.To)
                    {
                        message.To.Add(to);
                    }

                    using var client = new SmtpClient(config.Host, config.Port)
                    {
                        EnableSsl = config.Tls,
                        DeliveryMethod = SmtpDeliveryMethod.Network,
                        Credentials = credential,
                        Timeout = (int)options.AttemptTimeout.TotalMilliseconds,
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
