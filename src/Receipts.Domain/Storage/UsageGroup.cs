using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>
/// Usage records that share everything attribution, pricing and reconciliation read — source, provider, model,
/// tier, speed, geo, whether they carry a cost and its basis, identity, session, tool, repo, branch, cwd, tickets,
/// tags, UTC date and local date (or UTC hour), whether each request crossed the long-context threshold and
/// whether they consumed nothing — summed into one.
/// </summary>
/// <param name="Totals">
/// The shared fields, with <c>Tokens</c>, <c>Requests</c>, <c>WebSearchRequests</c> and <c>Cost</c> summed
/// (<c>Cost</c> null when the records carry none), <c>At</c> the earliest instant and <c>Id</c> the id of the
/// earliest record (ties: the smallest id). Per-record fields (message and request id, sidechain, source name,
/// tool version) are left empty.
/// </param>
/// <param name="Records">How many records the group sums.</param>
/// <param name="LastAt">The latest instant in the group.</param>
/// <param name="LongContext">
/// True when every request's input (uncached + cache read + cache write) exceeded the long-context threshold
/// (200k tokens per request, Anthropic's rule); records are never mixed across it.
/// </param>
public sealed record UsageGroup(UsageRecord Totals, long Records, DateTimeOffset LastAt, bool LongContext);
