using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>
/// Sends each alert to every channel at once. A channel that fails, hangs until its retries run out, or
/// throws, only fails its own deliveries: the other channels are never held up or skipped.
/// </summary>
public sealed class AlertDispatcher(IReadOnlyList<IAlertChannel> channels, TimeProvider time)
{
    public IReadOnlyList<IAlertChannel> Channels { get; } = channels ?? throw new ArgumentNullException(nameof(channels));

    public async Task<IReadOnlyList<AlertDelivery>> DispatchAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(time);
        var deliveries = new List<AlertDelivery>();
        if (Channels.Count == 0)
        {
            return deliveries;
        }

        // One sequence per channel: alerts stay in order on each channel, channels run side by side.
        var perChannel = await Task.WhenAll(Channels.Select(channel => SendAllAsync(channel, alerts, cancellationToken)));
        foreach (var alert in alerts)
        {
            foreach (var results in perChannel)
            {
                deliveries.Add(results[alert.Key]);
            }
        }

        return deliveries;
    }

    private async Task<Dictionary<string, AlertDelivery>> SendAllAsync(IAlertChannel channel, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, AlertDelivery>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            ChannelResult result;
            try
            {
                result = await channel.SendAsync(alert, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new ChannelResult(false, 1, e.Message);
            }

            results[alert.Key] = new AlertDelivery(alert.Key, channel.Name, result.Delivered, result.Attempts, result.Error, time.GetUtcNow());
        }

        return results;
    }
}
