using System.Text.Json.Serialization;

namespace Receipts.Sources.Hooks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HookUsageBatch))]
internal sealed partial class HookJsonContext : JsonSerializerContext;
