using System.Runtime.CompilerServices;
using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Storage;

/// <summary>
/// The reference meaning of <see cref="IUsageStore.ReadUsageGroupsAsync"/>: groups records in memory. Stores
/// push the same grouping into SQL; the contract suite checks them against this.
/// </summary>
public static class UsageGroups
{
    public static async IAsyncEnumerable<UsageGroup> GroupAsync(
        IAsyncEnumerable<UsageRecord> records,
        UsageGroupFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(filter);
        var groups = new Dictionary<Key, Builder>();
        await foreach (var r in records.WithCancellation(cancellationToken))
        {
            var key = KeyOf(r, filter);
            if (groups.TryGetValue(key, out var builder))
            {
                builder.Add(r);
            }
            else
            {
                groups[key] = new Builder(r, key.LongContext, filter.MixesContext);
            }
        }

        foreach (var g in groups.Values.Select(b => b.Build()).OrderBy(g => g.Totals.At).ThenBy(g => g.Totals.Id, StringComparer.Ordinal))
        {
            yield return g;
        }
    }

    /// <summary>True when the record's requests each crossed the long-context threshold (judged by their average input).</summary>
    public static bool IsLongContext(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Tokens.TotalInput > ModelPrice.LongContextThreshold * Math.Max(1, record.Requests);
    }

    private static Key KeyOf(UsageRecord r, UsageGroupFilter filter)
    {
        var utc = r.At.UtcDateTime;
        var mix = filter.MixesContext;
        var bucket = filter.Zone is { } zone
            ? TimeZoneInfo.ConvertTime(r.At, zone).Date
            : new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Unspecified);
        return new Key(
            filter.EachRecord || filter.Separate.Contains(r.Id) ? r.Id : null,
            r.SourceKind,
            r.Provider,
            r.Model,
            r.ServiceTier,
            r.Speed,
            r.InferenceGeo,
            r.Cost is not null,
            r.CostBasis,
            r.Currency,
            r.ApiKeyId,
            r.ApiKeyAlias,
            r.Workspace,
            r.Person,
            r.Account,
            r.MachineUser,
            mix ? null : r.SessionId,
            r.Tool,
            mix ? null : r.Repo,
            mix ? null : r.Branch,
            mix ? null : r.Cwd,
            mix || r.TicketIds.Count == 0 ? null : string.Join(' ', r.TicketIds),
            r.Tags.Count == 0 ? null : string.Join('\n', r.Tags.Select(kv => kv.Key + "\t" + kv.Value)),
            DateOnly.FromDateTime(utc),
            bucket,
            IsLongContext(r),
            r.Tokens.Total == 0 && r.WebSearchRequests == 0,
            r.Branch is not null && filter.BranchSplits.TryGetValue(r.Branch, out var onBranch) ? onBranch.Count(s => s <= r.At) : 0,
            r.TicketIds.Count == 0 ? 0 : filter.SplitsOfTickets(r.TicketIds).Count(s => s <= r.At));
    }

    private sealed record Key(
        string? Separate,
        string SourceKind,
        string Provider,
        string Model,
        string? ServiceTier,
        string? Speed,
        string? InferenceGeo,
        bool HasCost,
        CostBasis CostBasis,
        string Currency,
        string? ApiKeyId,
        string? ApiKeyAlias,
        string? Workspace,
        string? Person,
        string? Account,
        string? MachineUser,
        string? SessionId,
        string? Tool,
        string? Repo,
        string? Branch,
        string? Cwd,
        string? Tickets,
        string? Tags,
        DateOnly UtcDay,
        DateTime Bucket,
        bool LongContext,
        bool Empty,
        int BranchEpoch,
        int TicketEpoch);

    private sealed class Builder(UsageRecord first, bool longContext, bool mixContext)
    {
        private UsageRecord _earliest = first;
        private DateTimeOffset _last = first.At;
        private TokenCounts _tokens = first.Tokens;
        private long _requests = first.Requests;
        private long _webSearches = first.WebSearchRequests;
        private decimal? _cost = first.Cost;
        private long _records = 1;

        public void Add(UsageRecord r)
        {
            if (r.At < _earliest.At || (r.At == _earliest.At && string.CompareOrdinal(r.Id, _earliest.Id) < 0))
            {
                _earliest = r;
            }

            _last = r.At > _last ? r.At : _last;
            _tokens += r.Tokens;
            _requests += r.Requests;
            _webSearches += r.WebSearchRequests;
            _cost = _cost is null ? null : _cost + r.Cost;
            _records++;
        }

        public UsageGroup Build() => new(
            _earliest with
            {
                Tokens = _tokens,
                Requests = _requests,
                WebSearchRequests = _webSearches,
                Cost = _cost,
                SourceName = null,
                MessageId = null,
                RequestId = null,
                IsSidechain = false,
                ToolVersion = null,
                SessionId = mixContext ? null : _earliest.SessionId,
                Repo = mixContext ? null : _earliest.Repo,
                Branch = mixContext ? null : _earliest.Branch,
                Cwd = mixContext ? null : _earliest.Cwd,
                TicketIds = mixContext ? [] : _earliest.TicketIds,
            },
            _records,
            _last,
            longContext);
    }
}
