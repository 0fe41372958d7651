namespace Receipts.Sources.Http;

/// <summary>What one hosted import did: facts written, whether the API said nothing changed, and the traffic it took.</summary>
/// <param name="Source">The source: <c>github</c>, <c>jira</c>…</param>
/// <param name="Scope">The repository or project read: <c>github.com/acme/payments</c>, <c>PAY</c>.</param>
/// <param name="Changes">Merged changes written (new or refreshed).</param>
/// <param name="TicketEvents">Ticket events written (completed, reopened).</param>
/// <param name="NotModified">Collections the API answered 304 for: nothing new there, no rate limit spent.</param>
/// <param name="Requests">HTTP requests sent, retries included.</param>
/// <param name="Retries">Retries after a 5xx, a throttle or a network error.</param>
/// <param name="Waited">Time spent in backoff and rate-limit waits.</param>
public sealed record ImportSummary(
    string Source,
    string Scope,
    int Changes,
    int TicketEvents,
    int NotModified,
    int Requests,
    int Retries,
    TimeSpan Waited);
