using Receipts.Sources.Alerts;

namespace Receipts.Sources.Reports;

/// <summary>Somewhere reports go. Retries by itself and reports failure as a result, never by throwing.</summary>
public interface IReportChannel
{
    string Name { get; }

    Task<ChannelResult> SendAsync(ReportMessage message, CancellationToken cancellationToken);
}
