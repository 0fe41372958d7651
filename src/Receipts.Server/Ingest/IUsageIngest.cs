using Receipts.Domain.Usage;
using Receipts.Server.Auth;

namespace Receipts.Server.Ingest;

/// <summary>
/// The one way usage enters the server. A collector endpoint (generic batch, OTLP, hooks) turns its payload
/// into <see cref="UsageRecord"/>s and calls <see cref="IngestAsync"/>, which validates them, tags them with the
/// caller's team, commits them all or none, and updates /metrics. Answer the client with
/// <see cref="IngestOutcome.ToHttpResult"/>: 2xx only when the batch is committed.
/// </summary>
public interface IUsageIngest
{
    /// <param name="records">The batch, in the sender's order (error indexes refer to it).</param>
    /// <param name="caller">From <c>HttpContext.GetCaller()</c>: a team-bound token sets <c>Tags["team"]</c> on every record.</param>
    /// <param name="area">The collector area for metrics: <c>usage</c>, <c>otlp_metrics</c>, <c>otlp_logs</c>, <c>hooks</c>, …</param>
    Task<IngestOutcome> IngestAsync(IReadOnlyList<UsageRecord> records, Caller caller, string area, CancellationToken cancellationToken);
}
