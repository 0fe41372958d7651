using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Bench.Collector;

/// <summary>
/// Realistic /v1/usage batches: Claude Code-like records over a handful of teams, repos and models, with
/// token counts shaped like real turns (large cache reads, small outputs). Deterministic per batch number.
/// </summary>
internal static class BatchGenerator
{
    private static readonly string[] Models = ["claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5", "gpt-5-codex"];
    private static readonly string[] DatedModels = ["claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"];
    private static readonly string[] Teams = ["payments", "platform", "search", "mobile", "data"];
    private static readonly string[] Repos = ["github.com/acme/payments", "github.com/acme/platform", "github.com/acme/search", "github.com/acme/app"];
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Records like <see cref="Batch"/>'s, for writing straight into a store.</summary>
    public static List<UsageRecord> Records(string run, long first, int count)
    {
        var records = new List<UsageRecord>(count);
        for (var n = first; n < first + count; n++)
        {
            var random = new Random((int)(n % int.MaxValue));
            records.Add(new UsageRecord
            {
                Id = $"{run}-{n}",
                SourceKind = "claude-code",
                At = Start.AddSeconds(n % 2_000_000),
                Provider = "anthropic",
                Model = Models[random.Next(Models.Length)],
                Tokens = new TokenCounts(random.Next(1, 40), random.Next(20, 4000), random.Next(10_000, 180_000), random.Next(0, 8000), 0),
                RequestId = $"req_{run}_{n:x12}",
                MessageId = $"msg_{run}_{n:x12}",
                SessionId = $"s-{n / 40}",
                Person = $"dev{random.Next(60)}@acme.test",
                Tool = "claude-code",
                ToolVersion = "2.0.14",
                Repo = Repos[random.Next(Repos.Length)],
                Branch = $"feat/PAY-{random.Next(900)}-work",
                Cwd = "/home/dev/src/payments",
                TicketIds = [$"PAY-{random.Next(900)}"],
                Tags = new Dictionary<string, string> { ["team"] = Teams[random.Next(Teams.Length)], ["project"] = "payments" },
            });
        }

        return records;
    }

    public static byte[] Batch(string run, long batch, int size)
    {
        var buffer = new ArrayBufferWriter<byte>(size * 600);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            for (var i = 0; i < size; i++)
            {
                var n = (batch * size) + i;
                var random = new Random((int)(n % int.MaxValue));
                json.WriteStartObject();
                json.WriteString("id", $"{run}-{n}");
                json.WriteString("sourceKind", "claude-code");
                json.WriteString("at", Start.AddSeconds(n % 2_000_000));
                json.WriteString("provider", "anthropic");
                json.WriteString("model", Models[random.Next(Models.Length)]);
                json.WriteStartObject("tokens");
                json.WriteNumber("input", random.Next(1, 40));
                json.WriteNumber("output", random.Next(20, 4000));
                json.WriteNumber("cacheRead", random.Next(10_000, 180_000));
                json.WriteNumber("cacheWrite5m", random.Next(0, 8000));
                json.WriteNumber("cacheWrite1h", 0);
                json.WriteEndObject();
                json.WriteString("requestId", $"req_{n:x12}");
                json.WriteString("messageId", $"msg_{n:x12}");
                json.WriteString("sessionId", $"s-{n / 40}");
                json.WriteString("person", $"dev{random.Next(60)}@acme.test");
                json.WriteString("tool", "claude-code");
                json.WriteString("toolVersion", "2.0.14");
                json.WriteString("repo", Repos[random.Next(Repos.Length)]);
                json.WriteString("branch", $"feat/PAY-{random.Next(900)}-work");
                json.WriteString("cwd", "/home/dev/src/payments");
                json.WriteStartArray("ticketIds");
                json.WriteStringValue($"PAY-{random.Next(900)}");
                json.WriteEndArray();
                json.WriteStartObject("tags");
                json.WriteString("team", Teams[random.Next(Teams.Length)]);
                json.WriteString("project", "payments");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A <c>/v1/hooks/usage</c> batch as <c>receipts hook session-end</c> sends it (src/Receipts.Sources/Hooks/HookUsageBatch.cs):
    /// transcript lines of whole sessions, source kind <c>hook</c>, id <c>anthropic:req:&lt;request id&gt;</c>, dated model
    /// names, the cache-write TTL split, estimated cost basis, no tags (the hook knows none).
    /// </summary>
    public static byte[] HookBatch(string run, long batch, int size)
    {
        var buffer = new ArrayBufferWriter<byte>(size * 600);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            for (var i = 0; i < size; i++)
            {
                var n = (batch * size) + i;
                var random = new Random((int)(n % int.MaxValue));
                var requestId = $"req_h{run}{n:x12}";
                json.WriteStartObject();
                json.WriteString("id", "anthropic:req:" + requestId);
                json.WriteString("sourceKind", "hook");
                json.WriteString("at", Start.AddSeconds(n % 2_000_000));
                json.WriteString("provider", "anthropic");
                json.WriteString("model", DatedModels[random.Next(DatedModels.Length)]);
                json.WriteString("serviceTier", "standard");
                json.WriteStartObject("tokens");
                json.WriteNumber("input", random.Next(1, 40));
                json.WriteNumber("output", random.Next(20, 4000));
                json.WriteNumber("cacheRead", random.Next(10_000, 180_000));
                json.WriteNumber("cacheWrite5m", random.Next(0, 8000));
                json.WriteNumber("cacheWrite1h", random.Next(4) == 0 ? random.Next(0, 4000) : 0);
                json.WriteEndObject();
                json.WriteNumber("webSearchRequests", 0);
                json.WriteNumber("requests", 1);
                json.WriteString("costBasis", "estimated");
                json.WriteString("currency", "USD");
                json.WriteString("messageId", $"msg_h{run}{n:x12}");
                json.WriteString("requestId", requestId);
                json.WriteBoolean("isSidechain", random.Next(10) == 0);
                json.WriteString("sessionId", $"h{run}-{n / 40}");
                json.WriteString("tool", "claude-code");
                json.WriteString("toolVersion", "2.0.14");
                json.WriteString("branch", $"feat/PAY-{random.Next(900)}-work");
                json.WriteString("cwd", "/home/dev/src/payments");
                json.WriteStartArray("ticketIds");
                json.WriteEndArray();
                json.WriteStartObject("tags");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// An OTLP/HTTP JSON <c>ExportLogsServiceRequest</c> of Claude Code <c>claude_code.api_request</c> events, shaped as
    /// /work/shared/reference/claude-code-and-agents.md §4–5 and docs/collector-otlp.md describe: one <c>resourceLogs</c>
    /// per session (one <c>claude</c> process: service, OS and <c>OTEL_RESOURCE_ATTRIBUTES</c> team/project/department),
    /// events with the standard attributes (session, user, organization, terminal, event name/sequence/timestamp,
    /// prompt id) and the request's model, tokens, <c>cost_usd</c>/<c>cost_usd_micros</c>, duration and request id.
    /// 64-bit integers as the JS SDK sends them (JSON numbers), times as decimal strings.
    /// </summary>
    public static byte[] OtlpLogsBatch(string run, long batch, int size)
    {
        var buffer = new ArrayBufferWriter<byte>(size * 1500);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            var first = batch * size;
            var n = first;
            while (n < first + size)
            {
                var session = n / 40;
                var sessionRandom = new Random((int)(session % int.MaxValue) ^ 0x5eed);
                var email = $"dev{sessionRandom.Next(60)}@acme.test";
                json.WriteStartObject();
                json.WriteStartObject("resource");
                json.WriteStartArray("attributes");
                StringAttribute(json, "service.name", "claude-code");
                StringAttribute(json, "service.version", "2.1.50");
                StringAttribute(json, "os.type", "linux");
                StringAttribute(json, "host.arch", "amd64");
                StringAttribute(json, "team", Teams[sessionRandom.Next(Teams.Length)]);
                StringAttribute(json, "project", "payments");
                StringAttribute(json, "department", "eng");
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartArray("scopeLogs");
                json.WriteStartObject();
                json.WriteStartObject("scope");
                json.WriteString("name", "com.anthropic.claude_code");
                json.WriteString("version", "2.1.50");
                json.WriteEndObject();
                json.WriteStartArray("logRecords");
                for (; n < first + size && n / 40 == session; n++)
                {
                    var random = new Random((int)(n % int.MaxValue));
                    var at = Start.AddSeconds(n % 2_000_000);
                    var nanos = (at.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);
                    long input = random.Next(1, 40), output = random.Next(20, 4000), cacheRead = random.Next(10_000, 180_000), cacheCreation = random.Next(0, 8000);
                    // Sonnet list prices in USD per million tokens are micro-dollars per token: 3 in, 15 out, 0.30 cache read, 3.75 cache write.
                    var micros = (input * 3) + (output * 15) + (cacheRead * 3 / 10) + (cacheCreation * 375 / 100);
                    json.WriteStartObject();
                    json.WriteString("timeUnixNano", nanos);
                    json.WriteString("observedTimeUnixNano", nanos);
                    json.WriteNumber("severityNumber", 9);
                    json.WriteStartObject("body");
                    json.WriteString("stringValue", "claude_code.api_request");
                    json.WriteEndObject();
                    json.WriteStartArray("attributes");
                    StringAttribute(json, "event.name", "api_request");
                    StringAttribute(json, "event.timestamp", at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    IntAttribute(json, "event.sequence", n % 40);
                    StringAttribute(json, "session.id", $"o{run}-{session}");
                    StringAttribute(json, "prompt.id", $"p{run}-{n / 4}");
                    StringAttribute(json, "user.account_uuid", $"acct-{email}");
                    StringAttribute(json, "organization.id", "4f2e0c1a-acme");
                    StringAttribute(json, "user.email", email);
                    StringAttribute(json, "terminal.type", "vscode");
                    StringAttribute(json, "model", DatedModels[random.Next(DatedModels.Length)]);
                    json.WriteStartObject();
                    json.WriteString("key", "cost_usd");
                    json.WriteStartObject("value");
                    json.WriteNumber("doubleValue", micros / 1_000_000m);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    IntAttribute(json, "cost_usd_micros", micros);
                    IntAttribute(json, "duration_ms", random.Next(800, 30_000));
                    IntAttribute(json, "input_tokens", input);
                    IntAttribute(json, "output_tokens", output);
                    IntAttribute(json, "cache_read_tokens", cacheRead);
                    IntAttribute(json, "cache_creation_tokens", cacheCreation);
                    StringAttribute(json, "request_id", $"req_o{run}{n:x12}");
                    StringAttribute(json, "speed", "normal");
                    StringAttribute(json, "query_source", random.Next(8) == 0 ? "subagent" : "repl_main_thread");
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void StringAttribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void IntAttribute(Utf8JsonWriter json, string key, long value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteNumber("intValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
