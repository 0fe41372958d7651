namespace Receipts.Server.Apis.UsageJson;

/// <summary>One record of the generic batch: the camelCase mirror of <see cref="Domain.Usage.UsageRecord"/>. Everything is nullable so a missing field is reported by name, not as a parse error.</summary>
internal sealed class UsageRecordJson
{
    public string? Id { get; set; }

    public string? SourceKind { get; set; }

    public string? SourceName { get; set; }

    public string? At { get; set; }

    public string? Provider { get; set; }

    public string? Model { get; set; }

    public string? ServiceTier { get; set; }

    public string? Speed { get; set; }

    public string? InferenceGeo { get; set; }

    public TokenCountsJson? Tokens { get; set; }

    public long? WebSearchRequests { get; set; }

    public long? Requests { get; set; }

    public decimal? Cost { get; set; }

    public string? CostBasis { get; set; }

    public string? Currency { get; set; }

    public string? MessageId { get; set; }

    public string? RequestId { get; set; }

    public bool? IsSidechain { get; set; }

    public string? ApiKeyId { get; set; }

    public string? ApiKeyAlias { get; set; }

    public string? Workspace { get; set; }

    public string? Person { get; set; }

    public string? Account { get; set; }

    public string? MachineUser { get; set; }

    public string? SessionId { get; set; }

    public string? Tool { get; set; }

    public string? ToolVersion { get; set; }

    public string? Repo { get; set; }

    public string? Branch { get; set; }

    public string? Cwd { get; set; }

    public List<string>? TicketIds { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}
