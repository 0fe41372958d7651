using Receipts.Domain.Alerts;

namespace Receipts.Sources.Alerts;

/// <summary>Somewhere alerts go. A channel retries by itself and reports failure as a result, never by throwing.</summary>
public interface IAlertChannel
{
    string Name { get; }

    Task<ChannelResult> SendAsync(Alert alert, CancellationToken cancellationToken);
}
