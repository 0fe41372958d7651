using System.Text.Json;
using System.Text.Json.Serialization;
using Receipts.Server.Ingest;

namespace Receipts.Server.Apis.UsageJson;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, MaxDepth = 16, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(UsageBatchJson))]
[JsonSerializable(typeof(IngestResponse))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
