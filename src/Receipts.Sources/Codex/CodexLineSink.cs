using System.Text.Json;
using Receipts.Sources.Context;

namespace Receipts.Sources.Codex;

/// <summary>
/// Reads one Codex session file in order (§7): <c>session_meta</c> gives the session, cwd and git facts,
/// <c>turn_context</c> the model, and each <c>token_count</c> event whose cumulative totals advanced becomes
/// one event with the difference. Response items (the content) are recognised by their type and never parsed.
/// A forked or spawned session (<c>forked_from_id</c>, or <c>source.subagent…parent_thread_id</c>) opens with a replay
/// of its parent's history, token counts included: those move the baseline and count nothing, until the child's own
/// turn (an <c>inter_agent_communication_metadata</c> with <c>trigger_turn</c>, or the end of the replay burst).
/// <c>token_usage_record</c> lines (compaction usage in some newer builds) are not counted: their relation to the
/// <c>token_count</c> totals is not established from Codex's source (docs/sources.md, Codex).
/// </summary>
internal sealed class CodexLineSink : ILineSink
{
    /// <summary>More tokens than this in one request is not a real count.</summary>
    public const long MaxTokens = 1_000_000_000;

    /// <summary>
    /// How long after a child session's <c>session_meta</c> its replay of the parent's history may still be written.
    /// The replay is one burst at creation (milliseconds); the child's own first count needs a model call (seconds).
    /// </summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromSeconds(1);

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512 };

    private readonly StringPool _pool;
    private readonly List<CodexEvent> _events;
    private readonly DiagnosticLog _log;
    private readonly string _file;
    private readonly string _fileSession;

    public CodexLineSink(CodexFileState state, StringPool pool, List<CodexEvent> events, DiagnosticLog log, string file)
    {
        State = state;
        _pool = pool;
        _events = events;
        _log = log;
        _file = file;
        var stem = Path.GetFileNameWithoutExtension(file);
        _fileSession = stem.Length >= 36 && Guid.TryParse(stem[^36..], out _) ? stem[^36..] : stem;
    }

    /// <summary>The session as read so far; goes into the file's cursor.</summary>
    public CodexFileState State { get; }

    private enum Kind
    {
        Other,
        SessionMeta,
        TurnContext,
        EventMsg,
        InterAgentMetadata,
    }

    public void OnLine(ReadOnlySpan<byte> line, long lineNumber, bool compacted)
    {
        // The envelope's type comes first: content lines are recognised without parsing them.
        var head = line[..Math.Min(line.Length, 160)];
        if (head.IndexOf("\"type\":\"response_item\""u8) >= 0 || head.IndexOf("\"type\":\"compacted\""u8) >= 0)
        {
            var trimmed = line.Trim(" \t"u8);
            if (trimmed.Length > 0 && (trimmed[0] != (byte)'{' || trimmed[^1] != (byte)'}'))
            {
                _log.Skip(_file, lineNumber, "malformed JSON");
            }

            return;
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        try
        {
            Parse(line, lineNumber);
        }
        catch (JsonException)
        {
            _log.Skip(_file, lineNumber, "malformed JSON");
        }
    }

    public void OnOversizedLine(long lineNumber) =>
        _log.Skip(_file, lineNumber, "line too large to parse even without its long strings");

    private void Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        var reader = new Utf8JsonReader(line, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            _log.Skip(_file, lineNumber, "not a JSON object");
            return;
        }

        DateTimeOffset? at = null;
        TokenCount? pending = null;
        var kind = Kind.Other;
        var typeSeen = false;
        long deferredPayload = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                at = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var t) ? t : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                typeSeen = true;
                kind = reader.TokenType != JsonTokenType.String ? Kind.Other
                    : reader.ValueTextEquals("session_meta"u8) ? Kind.SessionMeta
                    : reader.ValueTextEquals("turn_context"u8) ? Kind.TurnContext
                    : reader.ValueTextEquals("event_msg"u8) ? Kind.EventMsg
                    : reader.ValueTextEquals("inter_agent_communication_metadata"u8) ? Kind.InterAgentMetadata
                    : Kind.Other;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("payload"u8) && typeSeen && deferredPayload < 0)
            {
                reader.Read();
                pending = ReadPayload(ref reader, kind);
                deferredPayload = -2;
            }
            else if (reader.ValueTextEquals("payload"u8) && deferredPayload == -1)
            {
                // The payload came before the type: come back to it once the type is known.
                reader.Read();
                deferredPayload = reader.TokenStartIndex;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The line ended inside its object.");
        }

        if (deferredPayload >= 0)
        {
            var payload = new Utf8JsonReader(line[(int)deferredPayload..], Options);
            payload.Read();
            pending = ReadPayload(ref payload, kind);
        }

        if (kind == Kind.SessionMeta && !State.SessionMetaSeen)
        {
            State.SessionMetaSeen = true;
            if (State.ParentSession is not null && at is { } created)
            {
                State.ReplayUntil = created.ToUniversalTime() + ReplayWindow;
            }
        }

        // Applied once the whole line is read: the timestamp may come after the payload.
        if (pending is not null)
        {
            Apply(pending, at, lineNumber);
        }
    }

    private TokenCount? ReadPayload(ref Utf8JsonReader reader, Kind kind)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        switch (kind)
        {
            case Kind.SessionMeta when State.SessionMetaSeen:
                // A second session_meta is the parent's, replayed into a fork: the file stays the child's.
                reader.Skip();
                break;
            case Kind.SessionMeta:
                ReadSessionMeta(ref reader);
                break;
            case Kind.InterAgentMetadata:
                ReadInterAgentMetadata(ref reader);
                break;
            case Kind.TurnContext:
                ReadTurnContext(ref reader);
                break;
            case Kind.EventMsg:
                return ReadEvent(ref reader);
            default:
                reader.Skip();
                break;
        }

        return null;
    }

    private void ReadSessionMeta(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                State.SessionId = ReadString(ref reader) ?? State.SessionId;
            }
            else if (reader.ValueTextEquals("cwd"u8))
            {
                State.Cwd = ReadString(ref reader) ?? State.Cwd;
            }
            else if (reader.ValueTextEquals("cli_version"u8))
            {
                State.CliVersion = ReadString(ref reader) ?? State.CliVersion;
            }
            else if (reader.ValueTextEquals("forked_from_id"u8))
            {
                State.ParentSession = ReadString(ref reader) ?? State.ParentSession;
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                // {"subagent":{"thread_spawn":{"parent_thread_id":"…",…}}} for a spawned agent; a plain string otherwise.
                reader.Read();
                State.ParentSession ??= FindParentThread(ref reader);
            }
            else if (reader.ValueTextEquals("git"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("branch"u8))
                    {
                        State.Branch = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("repository_url"u8))
                    {
                        State.RepositoryUrl = ReadString(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private string? FindParentThread(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? parent = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("parent_thread_id"u8))
            {
                parent ??= ReadString(ref reader);
            }
        }

        return parent;
    }

    // The parent's message that starts a spawned agent's own turn: the replayed history ends here (§7.3).
    private void ReadInterAgentMetadata(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("trigger_turn"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.True)
                {
                    State.ReplayUntil = null;
                }

                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadTurnContext(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                State.Model = ReadString(ref reader) ?? State.Model;
            }
            else if (reader.ValueTextEquals("cwd"u8))
            {
                State.Cwd = ReadString(ref reader) ?? State.Cwd;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static TokenCount? ReadEvent(ref Utf8JsonReader reader)
    {
        var isTokenCount = false;
        var count = new TokenCount();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isTokenCount = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("token_count"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("info"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                count.HasInfo = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("total_token_usage"u8))
                    {
                        count.Total = ReadUsage(ref reader, count);
                    }
                    else if (reader.ValueTextEquals("last_token_usage"u8))
                    {
                        count.Last = ReadUsage(ref reader, count);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return isTokenCount ? count : null;
    }

    private static Totals? ReadUsage(ref Utf8JsonReader reader, TokenCount count)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? input = null, cached = null, output = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                input = ReadCount(ref reader, count);
            }
            else if (reader.ValueTextEquals("cached_input_tokens"u8))
            {
                cached = ReadCount(ref reader, count);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                output = ReadCount(ref reader, count);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (input is null || output is null)
        {
            count.Problem ??= "token usage without input_tokens or output_tokens";
            return null;
        }

        return new Totals(input.Value, cached ?? 0, output.Value);
    }

    private static long? ReadCount(ref Utf8JsonReader reader, TokenCount count)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var value):
                if (value < 0)
                {
                    count.Problem ??= "negative token count";
                    return null;
                }

                return value;
            default:
                count.Problem ??= "token count is not a whole number";
                reader.Skip();
                return null;
        }
    }

    private void Apply(TokenCount count, DateTimeOffset? at, long lineNumber)
    {
        if (!count.HasInfo)
        {
            return;   // rate-limit-only update
        }

        if (count.Problem is not null)
        {
            _log.Skip(_file, lineNumber, count.Problem);
            return;
        }

        if (count.Total is not { } total)
        {
            _log.Skip(_file, lineNumber, "token_count without total_token_usage");
            return;
        }

        if (at is not { } instant)
        {
            _log.Skip(_file, lineNumber, "missing or invalid timestamp");
            return;
        }

        var last = new Totals(State.TotalInput, State.TotalCached, State.TotalOutput);
        if (total == last)
        {
            return;   // re-emitted totals (UI or rate-limit refresh): nothing new
        }

        if (State.ReplayUntil is { } replayUntil)
        {
            if (instant.ToUniversalTime() < replayUntil)
            {
                // The parent's history replayed into a fork or subagent: its own file counts it. Only the baseline moves,
                // so the child's first own count is measured from where the parent left off.
                State.TotalInput = total.Input;
                State.TotalCached = total.Cached;
                State.TotalOutput = total.Output;
                return;
            }

            State.ReplayUntil = null;
        }

        // Totals that went backwards start a new count; the turn's own usage is the best delta then.
        var delta = total.Input >= last.Input && total.Cached >= last.Cached && total.Output >= last.Output
            ? new Totals(total.Input - last.Input, total.Cached - last.Cached, total.Output - last.Output)
            : count.Last ?? total;
        if (delta.Input > MaxTokens || delta.Output > MaxTokens || delta.Cached > MaxTokens)
        {
            _log.Skip(_file, lineNumber, "absurd token count (over 10^9 in one request)");
            State.TotalInput = total.Input;
            State.TotalCached = total.Cached;
            State.TotalOutput = total.Output;
            return;
        }

        State.TotalInput = total.Input;
        State.TotalCached = total.Cached;
        State.TotalOutput = total.Output;
        var session = State.SessionId ?? _fileSession;
        var cached = Math.Min(delta.Cached, delta.Input);
        _events.Add(new CodexEvent(
            $"codex:{session}:{total.Input}/{total.Cached}/{total.Output}",
            _file,
            instant.ToUniversalTime(),
            session,
            State.Model,
            delta.Input - cached,
            cached,
            delta.Output,
            State.Cwd,
            State.Branch,
            State.RepositoryUrl,
            State.CliVersion));
    }

    private string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var value = _pool.Get(ref reader);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private readonly record struct Totals(long Input, long Cached, long Output);

    private sealed class TokenCount
    {
        public bool HasInfo { get; set; }

        public Totals? Total { get; set; }

        public Totals? Last { get; set; }

        public string? Problem { get; set; }
    }
}
