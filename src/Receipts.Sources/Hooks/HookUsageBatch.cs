using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Hooks;

/// <summary>
/// The body the hook posts to <c>/v1/hooks/usage</c>: <c>{"records":[...]}</c>, the same record schema
/// as the server's generic <c>POST /v1/usage</c> (camelCase <see cref="UsageRecord"/> fields; tokens as
/// <c>{input, output, cacheRead, cacheWrite5m, cacheWrite1h}</c>; costBasis as a lower-case word; nulls left out).
/// Written with <see cref="Utf8JsonWriter"/> rather than the serializer: the serializer's metadata costs
/// the hook tens of milliseconds of JIT at start-up (docs/benchmarks.md (hook latency)).
/// </summary>
internal static class HookUsageBatch
{
    public static byte[] Serialize(IEnumerable<UsageRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var record in records)
            {
                Write(json, record);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter json, UsageRecord r)
    {
        json.WriteStartObject();
        json.WriteString("id", r.Id);
        json.WriteString("sourceKind", r.SourceKind);
        Optional(json, "sourceName", r.SourceName);
        json.WriteString("at", r.At.ToUniversalTime());
        json.WriteString("provider", r.Provider);
        json.WriteString("model", r.Model);
        Optional(json, "serviceTier", r.ServiceTier);
        Optional(json, "speed", r.Speed);
        Optional(json, "inferenceGeo", r.InferenceGeo);
        json.WriteStartObject("tokens");
        json.WriteNumber("input", r.Tokens.Input);
        json.WriteNumber("output", r.Tokens.Output);
        json.WriteNumber("cacheRead", r.Tokens.CacheRead);
        json.WriteNumber("cacheWrite5m", r.Tokens.CacheWrite5m);
        json.WriteNumber("cacheWrite1h", r.Tokens.CacheWrite1h);
        json.WriteEndObject();
        json.WriteNumber("webSearchRequests", r.WebSearchRequests);
        json.WriteNumber("requests", r.Requests);
        if (r.Cost is { } cost)
        {
            json.WriteNumber("cost", cost);
        }

        json.WriteString("costBasis", r.CostBasis switch
        {
            CostBasis.Billed => "billed",
            CostBasis.Unknown => "unknown",
            _ => "estimated",
        });
        json.WriteString("currency", r.Currency);
        Optional(json, "messageId", r.MessageId);
        Optional(json, "requestId", r.RequestId);
        json.WriteBoolean("isSidechain", r.IsSidechain);
        Optional(json, "machineUser", r.MachineUser);
        Optional(json, "sessionId", r.SessionId);
        Optional(json, "tool", r.Tool);
        Optional(json, "toolVersion", r.ToolVersion);
        Optional(json, "repo", r.Repo);
        Optional(json, "branch", r.Branch);
        Optional(json, "cwd", r.Cwd);
        json.WriteStartArray("ticketIds");
        foreach (var ticket in r.TicketIds)
        {
            json.WriteStringValue(ticket);
        }

        json.WriteEndArray();
        json.WriteStartObject("tags");
        foreach (var (key, value) in r.Tags)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
