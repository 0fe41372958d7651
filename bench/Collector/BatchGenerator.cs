using System.Buffers;
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
}
