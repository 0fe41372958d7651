using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Focus;

namespace Receipts.Sources.Bedrock;

/// <summary>
/// Imports AWS Bedrock model invocation logs (the JSON-lines files Bedrock delivers to S3 or that are exported
/// from CloudWatch Logs; <c>.json</c>, <c>.jsonl</c>, <c>.gz</c>) as usage records: one per invocation, with its
/// tokens, model, caller ARN, account, region and per-request metadata as tags. The prompt and response bodies
/// (<c>input.inputBodyJson</c>, <c>output.outputBodyJson</c>) are never read into a record. Lines that are not
/// log records are skipped and counted with file:line. Incremental per file (size and time); records are keyed
/// by request id, so re-imports change nothing.
/// </summary>
public sealed class BedrockLogImporter(IUsageStore store)
{
    public const string Source = "bedrock-logs";

    public async Task<BedrockLogSummary> ImportAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var summary = new BedrockLogSummary();
        var cursors = await store.GetCursorsAsync(Source, cancellationToken);
        foreach (var file in Files(paths))
        {
            var info = new FileInfo(file);
            var state = JsonSerializer.Serialize(new { length = info.Length, modified = info.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture) });
            summary.Files++;
            if (cursors.TryGetValue(file, out var cursor) && cursor.State == state)
            {
                summary.UnchangedFiles++;
                continue;
            }

            var records = await ReadFileAsync(file, summary, cancellationToken);
            var result = await store.WriteUsageAsync(records, [new SourceCursor(Source, file, state)], cancellationToken);
            summary.Inserted += result.Inserted;
            summary.Unchanged += result.Unchanged + result.Replaced;
        }

        return summary;
    }

    private static IEnumerable<string> Files(IReadOnlyList<string> paths)
    {
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }
    }

    private static async Task<List<UsageRecord>> ReadFileAsync(string file, BedrockLogSummary summary, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>();
        await using var stream = File.OpenRead(file);
        using var reader = new StreamReader(file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        var name = Path.GetFileName(file);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var record = Map(json.RootElement, file, out var problem);
                if (record is null)
                {
                    if (problem is null)
                    {
                        summary.WithoutTokens++;
                    }
                    else
                    {
                        summary.Skip(new FocusError(name, lineNumber, null, problem));
                    }

                    continue;
                }

                summary.Records++;
                summary.Saw(record.At);
                records.Add(record);
            }
            catch (JsonException e)
            {
                summary.Skip(new FocusError(name, lineNumber, null, $"not JSON ({e.Message})"));
            }
        }

        return records;
    }

    /// <summary>One log record to a usage record; null with a problem for a malformed one, null without for a tokenless one.</summary>
    internal static UsageRecord? Map(JsonElement log, string file, out string? problem)
    {
        problem = null;
        string? S(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long N(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : 0;
        JsonElement O(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

        if (log.ValueKind != JsonValueKind.Object || (S(log, "schemaType") is { } type && type != "ModelInvocationLog"))
        {
            problem = "not a ModelInvocationLog record";
            return null;
        }

        var requestId = S(log, "requestId");
        var modelId = S(log, "modelId");
        if (requestId is null || modelId is null)
        {
            problem = $"'{(requestId is null ? "requestId" : "modelId")}' is missing";
            return null;
        }

        if (!DateTimeOffset.TryParse(S(log, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            problem = "'timestamp' is missing or not a date/time";
            return null;
        }

        var input = O(log, "input");
        var output = O(log, "output");

        // Bedrock reports input tokens without the cache reads and writes, as Anthropic does. VERIFY on a live log.
        var tokens = new TokenCounts(N(input, "inputTokenCount"), N(output, "outputTokenCount"), N(input, "cacheReadInputTokenCount"), N(input, "cacheWriteInputTokenCount"), 0);
        if (tokens.Total == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in O(log, "requestMetadata").ValueKind == JsonValueKind.Object ? O(log, "requestMetadata").EnumerateObject() : default)
        {
            if (p.Value.ValueKind == JsonValueKind.String)
            {
                tags[p.Name] = p.Value.GetString()!;
            }
        }

        void Tag(string key, string? value)
        {
            if (value is not null)
            {
                tags[key] = value;
            }
        }

        Tag("aws.region", S(log, "region"));
        Tag("aws.inference_region", S(log, "inferenceRegion"));
        Tag("bedrock.operation", S(log, "operation"));
        Tag("bedrock.model_id", modelId);
        Tag("bedrock.latency", S(O(log, "performanceConfig"), "latency"));
        return new UsageRecord
        {
            Id = "bedrock:" + requestId,
            SourceKind = Source,
            SourceName = file,
            At = at,
            Provider = "aws",
            Model = ModelOf(modelId),
            Tokens = tokens,
            Requests = 1,
            RequestId = requestId,
            Account = S(O(log, "identity"), "arn"),
            Workspace = S(log, "accountId"),
            Tool = "bedrock",
            Tags = tags,
        };
    }

    /// <summary>
    /// The foundation model behind a model id: ARNs lose everything up to the last '/', and cross-region
    /// inference profiles lose their geography prefix (<c>us.</c>, <c>eu.</c>, <c>apac.</c>, <c>global.</c>).
    /// </summary>
    internal static string ModelOf(string modelId)
    {
        var id = modelId[(modelId.LastIndexOf('/') + 1)..];
        foreach (var prefix in (string[])["us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca."])
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return id[prefix.Length..];
            }
        }

        return id;
    }
}
