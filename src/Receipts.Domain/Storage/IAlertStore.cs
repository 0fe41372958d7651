using Receipts.Domain.Alerts;

namespace Receipts.Domain.Storage;

/// <summary>Alerts raised and how their delivery went. The alert key is the sent-once state.</summary>
public interface IAlertStore
{
    /// <summary>
    /// Stores the alerts whose key is new and returns exactly those (in the given order): an alert already
    /// stored — in this period, for this threshold — is never raised again.
    /// </summary>
    Task<IReadOnlyList<Alert>> AddAlertsAsync(IReadOnlyCollection<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) the outcome of sending an alert to a channel.</summary>
    Task RecordDeliveryAsync(AlertDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Alerts raised at or after <paramref name="since"/> (all when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Alert>> ReadAlertsAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>The delivery records of the given alerts.</summary>
    Task<IReadOnlyList<AlertDelivery>> ReadDeliveriesAsync(IReadOnlyCollection<string> alertKeys, CancellationToken cancellationToken);
}
