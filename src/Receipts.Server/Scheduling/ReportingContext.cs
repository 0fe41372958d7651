using Receipts.Domain.Directory;
using Receipts.Domain.Pipeline;
using Receipts.Sources.Alerts;

namespace Receipts.Server.Scheduling;

/// <summary>What the scheduled jobs and the live runaway watch share: the directory file, secrets lookup, delivery settings.</summary>
/// <param name="Directory">receipts.yaml as loaded.</param>
/// <param name="GetVariable">Environment lookup for channel secrets.</param>
/// <param name="Delivery">Retries and timeouts of the channels.</param>
public sealed record ReportingContext(DirectoryConfig Directory, Func<string, string?> GetVariable, AlertDeliveryOptions Delivery)
{
    public DirectoryView View { get; } = new(Directory);
}
