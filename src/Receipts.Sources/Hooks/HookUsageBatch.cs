using System.Text.Json;
using System.Text.Json.Serialization;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Hooks;

/// <summary>
/// The body the hook posts to <c>/v1/hooks/usage</c>: <c>{"records":[...]}</c>, the same record schema
/// as the server's generic <c>POST /v1/usage</c> (camelCase <see cref="UsageRecord"/> fields; tokens as
/// <c>{input, output, cacheRead, cacheWrite5m, cacheWrite1h}</c>; costBasis as a lower-case word).
/// Serialised by a source generator: no reflection on the hook's start-up path.
/// </summary>
internal sealed record HookUsageBatch(IReadOnlyList<HookUsageBatch.Record> Records)
{
    public static byte[] Serialize(IEnumerable<UsageRecord> records) =>
        JsonSerializer.SerializeToUtf8Bytes(new HookUsageBatch([.. records.Select(From)]), HookJsonContext.Default.HookUsageBatch);

    public static HookUsageBatch? Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HookJsonContext.Default.HookUsageBatch);

    private static Record From(UsageRecord r) => new()
    {
        Id = r.Id,
        SourceKind = r.SourceKind,
        SourceName = r.SourceName,
        At = r.At,
        Provider = r.Provider,
        Model = r.Model,
        ServiceTier = r.ServiceTier,
        Speed = r.Speed,
        InferenceGeo = r.InferenceGeo,
        Tokens = new Tokens(r.Tokens.Input, r.Tokens.Output, r.Tokens.CacheRead, r.Tokens.CacheWrite5m, r.Tokens.CacheWrite1h),
        WebSearchRequests = r.WebSearchRequests,
        Requests = r.Requests,
        Cost = r.Cost,
        CostBasis = r.CostBasis switch
        {
            CostBasis.Billed => "billed",
            CostBasis.Unknown => "unknown",
            _ => "estimated",
        },
        Currency = r.Currency,
        MessageId = r.MessageId,
        RequestId = r.RequestId,
        IsSidechain = r.IsSidechain,
        MachineUser = r.MachineUser,
        SessionId = r.SessionId,
        Tool = r.Tool,
        ToolVersion = r.ToolVersion,
        Repo = r.Repo,
        Branch = r.Branch,
        Cwd = r.Cwd,
        TicketIds = r.TicketIds,
        Tags = r.Tags,
    };

    internal sealed record Tokens(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h);

    internal sealed record Record
    {
        public required string Id { get; init; }

        public required string SourceKind { get; init; }

        public string? SourceName { get; init; }

        public required DateTimeOffset At { get; init; }

        public required string Provider { get; init; }

        public required string Model { get; init; }

        public string? ServiceTier { get; init; }

        public string? Speed { get; init; }

        public string? InferenceGeo { get; init; }

        public required Tokens Tokens { get; init; }

        public long WebSearchRequests { get; init; }

        public long Requests { get; init; }

        public decimal? Cost { get; init; }

        public required string CostBasis { get; init; }

        public required string Currency { get; init; }

        public string? MessageId { get; init; }

        public string? RequestId { get; init; }

        public bool IsSidechain { get; init; }

        public string? MachineUser { get; init; }

        public string? SessionId { get; init; }

        public string? Tool { get; init; }

        public string? ToolVersion { get; init; }

        public string? Repo { get; init; }

        public string? Branch { get; init; }

        public string? Cwd { get; init; }

        public IReadOnlyList<string> TicketIds { get; init; } = [];

        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    }
}
