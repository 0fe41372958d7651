using System.Globalization;
using System.Text;

namespace Receipts.Bench.CorpusGen;

/// <summary>
/// Writes one transcript file line by line in the shapes Claude Code writes. Each line is built in a
/// buffer and then written with a newline; all text is ASCII, so characters are bytes.
/// </summary>
internal sealed class TranscriptWriter : IDisposable
{
    private const string Signature =
        "EqQBCkYIBxgCKkBexampleSignatureNotRealButShapedLikeBase64ForThinkingBlocksInClaudeCodeTranscripts0123456789abcdef";

    private readonly StreamWriter _writer;
    private readonly FileContext _context;
    private readonly TextPool _pool;
    private readonly IdFactory _ids;
    private readonly CorpusStats _stats;
    private readonly StringBuilder _line = new(64 * 1024);
    private string? _lastUuid;

    public TranscriptWriter(string path, FileContext context, TextPool pool, IdFactory ids, CorpusStats stats)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 20);
        _context = context;
        _pool = pool;
        _ids = ids;
        _stats = stats;
    }

    public void Summary(TextSlice text)
    {
        _line.Clear();
        _line.Append("{\"type\":\"summary\",\"summary\":\"");
        _line.Append(_pool.Span(text));
        _line.Append("\",\"leafUuid\":\"").Append(_ids.Uuid()).Append("\"}");
        Flush();
        _stats.OtherLines++;
    }

    public void Turn(TurnSpec turn)
    {
        if (turn.WritesSnapshot)
        {
            Snapshot(turn.TimestampMs);
        }

        Prompt(turn.Prompt, turn.TimestampMs);
        foreach (var step in turn.Steps)
        {
            Response(step.Response);
            foreach (var result in step.ToolResults)
            {
                ToolResult(result);
            }
        }

        if (turn.CompactsAfter)
        {
            CompactBoundary(turn.Steps[^1].Response.TimestampMs + 1500);
        }
    }

    public void Prompt(TextSlice prompt, long timestampMs)
    {
        var uuid = BeginEnvelope();
        _line.Append(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"");
        _line.Append(_pool.Span(prompt));
        _line.Append("\"}");
        EndEnvelope(uuid, timestampMs);
        Flush();
        _stats.UserLines++;
    }

    /// <summary>One line per content block, each repeating the id, request id and usage.</summary>
    public void Response(ResponseSpec response)
    {
        var last = response.Blocks.Count - 1;
        for (var i = 0; i <= last; i++)
        {
            var output = i < last && response.PartialOutput is { } partial ? partial : response.Usage.Output;
            var usage = response.Usage with { Output = output };
            var uuid = BeginEnvelope();
            _line.Append(",\"message\":{\"id\":\"").Append(response.MessageId);
            _line.Append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"").Append(response.Model);
            _line.Append("\",\"content\":[");
            Block(response.Blocks[i]);
            _line.Append("],\"stop_reason\":");
            if (i == last)
            {
                _line.Append('"').Append(response.StopReason).Append('"');
            }
            else
            {
                _line.Append("null");
            }

            _line.Append(",\"stop_sequence\":null,\"usage\":");
            UsageObject(usage);
            _line.Append('}');
            if (response.RequestId is not null)
            {
                _line.Append(",\"requestId\":\"").Append(response.RequestId).Append('"');
            }

            _line.Append(",\"type\":\"assistant\"");
            EndEnvelope(uuid, response.TimestampMs + i);
            Flush();
            _stats.AssistantLines++;
            _stats.Naive.Add(usage);
        }
    }

    public void ToolResult(ToolResultSpec result)
    {
        var uuid = BeginEnvelope();
        _line.Append(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"").Append(result.ToolUseId);
        _line.Append("\",\"type\":\"tool_result\",\"content\":\"");
        _line.Append(_pool.Span(result.Output));
        _line.Append("\",\"is_error\":").Append(result.IsError ? "true" : "false").Append("}]}");
        _line.Append(",\"uuid\":\"").Append(uuid).Append("\",\"timestamp\":\"").Append(Iso(result.TimestampMs)).Append('"');
        _line.Append(",\"toolUseResult\":");
        ToolUseResult(result);
        _line.Append('}');
        Flush();
        _stats.UserLines++;
    }

    /// <summary>A local placeholder for an API error: model <c>&lt;synthetic&gt;</c>, zero usage, no request id.</summary>
    public void SyntheticError(long timestampMs)
    {
        var uuid = BeginEnvelope();
        _line.Append(",\"message\":{\"id\":\"").Append(_ids.Uuid());
        _line.Append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"<synthetic>\",\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\",\\\"message\\\":\\\"Overloaded\\\"}}\"}]");
        _line.Append(",\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"\",\"usage\":");
        UsageObject(default);
        _line.Append("},\"type\":\"assistant\",\"isApiErrorMessage\":true");
        EndEnvelope(uuid, timestampMs);
        Flush();
        _stats.AssistantLines++;
        _stats.SyntheticLines++;
    }

    public void CompactBoundary(long timestampMs)
    {
        var uuid = BeginEnvelope();
        _line.Append(",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"isMeta\":false,\"level\":\"info\"");
        _line.Append(",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":167000,\"postTokens\":18000,\"durationMs\":41000}");
        EndEnvelope(uuid, timestampMs);
        Flush();
        _stats.OtherLines++;
    }

    public void Snapshot(long timestampMs)
    {
        var messageId = _ids.Uuid();
        _line.Clear();
        _line.Append("{\"type\":\"file-history-snapshot\",\"messageId\":\"").Append(messageId);
        _line.Append("\",\"snapshot\":{\"messageId\":\"").Append(messageId);
        _line.Append("\",\"trackedFileBackups\":{},\"timestamp\":\"").Append(Iso(timestampMs)).Append("\"},\"isSnapshotUpdate\":false}");
        Flush();
        _stats.OtherLines++;
    }

    /// <summary>A line no JSON parser accepts, the way a crash mid-write or a bad merge leaves one.</summary>
    public void Malformed()
    {
        _line.Clear();
        _line.Append("{\"parentUuid\":\"").Append(_lastUuid).Append("\",\"type\":\"assistant\",\"message\":{\"id\":\"msg_01broken\",\"usage\":{\"input_tokens\":12,");
        Flush();
        _stats.MalformedLines++;
    }

    /// <summary>
    /// Ends the file with the first half of a copy of its last line and no newline: a write cut off.
    /// The line it copies is already complete above, so the truth does not change.
    /// </summary>
    public void TruncatedCopyOfLastLine()
    {
        if (_line.Length < 2)
        {
            return;
        }

        var half = _line.ToString(0, _line.Length / 2);
        _writer.Write(half);
        _stats.Bytes += half.Length;
        _stats.Lines++;
        _stats.TruncatedLines++;
    }

    public void Dispose() => _writer.Dispose();

    private string BeginEnvelope()
    {
        var uuid = _ids.Uuid();
        _line.Clear();
        _line.Append("{\"parentUuid\":");
        if (_lastUuid is null)
        {
            _line.Append("null");
        }
        else
        {
            _line.Append('"').Append(_lastUuid).Append('"');
        }

        _line.Append(",\"isSidechain\":").Append(_context.IsSidechain ? "true" : "false");
        _line.Append(",\"userType\":\"external\",\"cwd\":\"").Append(_context.Cwd);
        _line.Append("\",\"sessionId\":\"").Append(_context.SessionId);
        _line.Append("\",\"version\":\"").Append(_context.Version);
        _line.Append("\",\"gitBranch\":\"").Append(_context.GitBranch).Append('"');
        if (_context.AgentId is not null)
        {
            _line.Append(",\"agentId\":\"").Append(_context.AgentId).Append('"');
        }

        _lastUuid = uuid;
        return uuid;
    }

    private void EndEnvelope(string uuid, long timestampMs)
    {
        _line.Append(",\"uuid\":\"").Append(uuid).Append("\",\"timestamp\":\"").Append(Iso(timestampMs)).Append("\"}");
    }

    private void Flush()
    {
        _writer.Write(_line);
        _writer.Write('\n');
        _stats.Bytes += _line.Length + 1;
        _stats.Lines++;
    }

    private void UsageObject(Usage usage)
    {
        _line.Append("{\"input_tokens\":").Append(usage.Input);
        _line.Append(",\"cache_creation_input_tokens\":").Append(usage.CacheCreation);
        _line.Append(",\"cache_read_input_tokens\":").Append(usage.CacheRead);
        if (_context.CacheBreakdown)
        {
            _line.Append(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":").Append(usage.CacheCreation5m);
            _line.Append(",\"ephemeral_1h_input_tokens\":").Append(usage.CacheCreation1h).Append('}');
        }

        _line.Append(",\"output_tokens\":").Append(usage.Output);
        _line.Append(",\"service_tier\":\"standard\"}");
    }

    private void Block(ContentBlock block)
    {
        switch (block.Kind)
        {
            case BlockKind.Thinking:
                _line.Append("{\"type\":\"thinking\",\"thinking\":\"").Append(_pool.Span(block.Text));
                _line.Append("\",\"signature\":\"").Append(Signature).Append("\"}");
                break;
            case BlockKind.Text:
                _line.Append("{\"type\":\"text\",\"text\":\"").Append(_pool.Span(block.Text)).Append("\"}");
                break;
            default:
                _line.Append("{\"type\":\"tool_use\",\"id\":\"").Append(block.ToolUseId);
                _line.Append("\",\"name\":\"").Append(block.ToolName).Append("\",\"input\":");
                ToolInput(block);
                _line.Append('}');
                break;
        }
    }

    private void ToolInput(ContentBlock block)
    {
        var text = _pool.Span(block.Text);
        switch (block.ToolName)
        {
            case "Read":
                _line.Append("{\"file_path\":\"").Append(block.FilePath).Append("\"}");
                break;
            case "Edit":
                _line.Append("{\"file_path\":\"").Append(block.FilePath).Append("\",\"old_string\":\"").Append(_pool.Span(block.Extra));
                _line.Append("\",\"new_string\":\"").Append(text).Append("\"}");
                break;
            case "Write":
                _line.Append("{\"file_path\":\"").Append(block.FilePath).Append("\",\"content\":\"").Append(text).Append("\"}");
                break;
            case "Grep":
                _line.Append("{\"pattern\":\"").Append(text).Append("\",\"path\":\"").Append(block.FilePath).Append("\",\"output_mode\":\"content\"}");
                break;
            case "Task":
                _line.Append("{\"description\":\"Investigate the failing tests\",\"prompt\":\"").Append(text);
                _line.Append("\",\"subagent_type\":\"general-purpose\"}");
                break;
            case "TodoWrite":
                _line.Append("{\"todos\":[{\"content\":\"").Append(text).Append("\",\"status\":\"in_progress\",\"activeForm\":\"Working\"}]}");
                break;
            default:
                _line.Append("{\"command\":\"").Append(text).Append("\",\"description\":\"Run the tests\"}");
                break;
        }
    }

    private void ToolUseResult(ToolResultSpec result)
    {
        var output = _pool.Span(result.Output);
        if (result.IsError)
        {
            _line.Append("\"Error: ").Append(output).Append('"');
            return;
        }

        switch (result.ToolName)
        {
            case "Read":
                _line.Append("{\"type\":\"text\",\"file\":{\"filePath\":\"").Append(result.FilePath).Append("\",\"content\":\"").Append(output);
                _line.Append("\",\"numLines\":120,\"startLine\":1,\"totalLines\":120}}");
                break;
            case "Task" when result.Agent is { } agent:
                _line.Append("{\"status\":\"completed\",\"agentId\":\"").Append(agent.AgentId);
                _line.Append("\",\"content\":[{\"type\":\"text\",\"text\":\"").Append(output).Append("\"}]");
                _line.Append(",\"totalDurationMs\":").Append(agent.DurationMs);
                _line.Append(",\"totalTokens\":").Append(agent.Usage.Total);
                _line.Append(",\"totalToolUseCount\":").Append(agent.ToolUses);
                _line.Append(",\"usage\":");
                UsageObject(agent.Usage);
                _line.Append('}');
                break;
            case "Grep":
                _line.Append("{\"mode\":\"content\",\"numFiles\":3,\"filenames\":[],\"content\":\"").Append(output).Append("\",\"numLines\":40}");
                break;
            case "Edit" or "Write":
                _line.Append("{\"filePath\":\"").Append(result.FilePath).Append("\",\"structuredPatch\":[],\"userModified\":false}");
                break;
            case "TodoWrite":
                _line.Append("{\"oldTodos\":[],\"newTodos\":[]}");
                break;
            default:
                _line.Append("{\"stdout\":\"").Append(output).Append("\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}");
                break;
        }
    }

    private static string Iso(long timestampMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
