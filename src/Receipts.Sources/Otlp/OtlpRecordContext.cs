using Receipts.Domain.Usage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Identity and tags from the resource and item attributes. Resource attributes (the
/// <c>OTEL_RESOURCE_ATTRIBUTES</c> keys: team, project, tenant.id, department…) are tags, minus the
/// SDK's own descriptive keys; item attributes become tags only when they are known attribution keys.
/// Identity (<c>user.email</c>, <c>user.account_uuid</c>, <c>session.id</c>) goes to its own fields.
/// </summary>
internal static class OtlpRecordContext
{
    private const int MaxTagValueLength = 256;

    private static readonly HashSet<string> IdentityKeys = new(StringComparer.Ordinal)
    {
        "user.email", "user.account_uuid", "user.account_id", "session.id",
    };

    private static readonly string[] NonTagResourcePrefixes =
    [
        "service.name", "service.version", "service.instance.id", "os.", "host.", "wsl.", "telemetry.", "process.",
    ];

    private static readonly HashSet<string> ItemTagKeys = new(StringComparer.Ordinal)
    {
        "team", "team.id", "team.name", "project", "project.id", "project.name", "tenant", "tenant.id", "department",
        "cost_center", "cost.center", "env", "environment", "deployment.environment", "deployment.environment.name",
        "workflow", "workflow.name", "feature", "organization.id", "user.id", "query_source", "agent.name", "skill.name",
        "plugin.name", "mcp_server.name", "effort", "app.entrypoint", "terminal.type", "gen_ai.operation.name", "gen_ai.agent.name",
    };

    public static UsageRecord Apply(UsageRecord record, OtlpAttributes resource, OtlpAttributes item)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in resource)
        {
            if (!IdentityKeys.Contains(key) && !IsNonTagResourceKey(key))
            {
                AddTag(tags, key, value);
            }
        }

        foreach (var (key, value) in item)
        {
            if (ItemTagKeys.Contains(key) || key.StartsWith("receipts.", StringComparison.Ordinal))
            {
                AddTag(tags, key, value);
            }
        }

        var serviceName = resource.GetString("service.name");
        return record with
        {
            SourceName = record.SourceName ?? serviceName,
            Person = item.GetString("user.email") ?? resource.GetString("user.email"),
            Account = item.FirstString("user.account_uuid", "user.account_id") ?? resource.FirstString("user.account_uuid", "user.account_id"),
            SessionId = record.SessionId ?? item.FirstString("session.id", "gen_ai.conversation.id") ?? resource.GetString("session.id"),
            Tool = record.Tool ?? ToolName(serviceName),
            ToolVersion = item.GetString("app.version") ?? resource.GetString("service.version"),
            Tags = tags,
        };
    }

    private static string? ToolName(string? serviceName) =>
        serviceName is not null && serviceName.StartsWith("claude-code", StringComparison.Ordinal) ? "claude-code" : serviceName;

    private static bool IsNonTagResourceKey(string key)
    {
        foreach (var prefix in NonTagResourcePrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddTag(SortedDictionary<string, string> tags, string key, OtlpValue value)
    {
        if (value.AsString() is { Length: > 0 and <= MaxTagValueLength } text)
        {
            tags[key] = text;
        }
    }
}
