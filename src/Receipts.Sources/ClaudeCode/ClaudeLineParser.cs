using System.Text.Json;
using Receipts.Sources.Context;

namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Reads the usage of one transcript line straight from its UTF-8 bytes: only the envelope fields,
/// <c>message.id</c>, <c>message.model</c> and <c>message.usage</c> are read; content is skipped
/// token by token and never becomes a string. One parser per reader thread.
/// </summary>
internal sealed class ClaudeLineParser
{
    /// <summary>More tokens than this in one request is not a real count.</summary>
    public const long MaxTokens = 1_000_000_000;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512 };

    private readonly StringPool _pool = new();

    // A response's blocks are consecutive lines repeating its message and request ids: the last id of each kind read and
    // the last key built are reused while they repeat, instead of a new string per line.
    private readonly LastString _messageId = new();
    private readonly LastString _requestId = new();
    private string? _keyMessageId;
    private string? _keyRequestId;
    private string? _key;

    /// <summary>
    /// Parses <paramref name="line"/>. Returns an entry for a countable assistant line; null with a null
    /// <paramref name="skipReason"/> for lines that carry no usage by design (other types, synthetic, API errors);
    /// null with a reason for bad input.
    /// </summary>
    public ClaudeEntry? Parse(ReadOnlySpan<byte> line, string file, string fileSession, out string? skipReason)
    {
        skipReason = null;
        var fields = default(Fields);
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                skipReason = "not a JSON object";
                return null;
            }

            ReadEnvelope(ref reader, ref fields);
        }
        catch (JsonException)
        {
            skipReason = "malformed JSON";
            return null;
        }

        if (!fields.IsAssistant || fields.IsApiError || fields.Model == "<synthetic>")
        {
            return null;
        }

        if (!fields.HasUsage)
        {
            skipReason = "assistant line without usage";
            return null;
        }

        if (fields.Problem is not null)
        {
            skipReason = fields.Problem;
            return null;
        }

        if (fields.Input is not { } input || fields.Output is not { } output)
        {
            skipReason = "usage without input_tokens or output_tokens";
            return null;
        }

        if (fields.At is not { } at)
        {
            skipReason = "missing or invalid timestamp";
            return null;
        }

        var session = fields.SessionId ?? fileSession;
        var (write5m, write1h) = fields.HasCacheBreakdown
            ? (fields.CacheWrite5m ?? 0, fields.CacheWrite1h ?? 0)
            : (fields.CacheCreation ?? 0, 0);
        return new ClaudeEntry
        {
            Key = KeyOf(fields.MessageId, fields.RequestId, session, at),
            File = file,
            At = at.ToUniversalTime(),
            MessageId = fields.MessageId,
            RequestId = fields.RequestId,
            SessionId = session,
            Model = fields.Model,
            Input = input,
            Output = output,
            CacheRead = fields.CacheRead ?? 0,
            CacheWrite5m = write5m,
            CacheWrite1h = write1h,
            WebSearchRequests = fields.WebSearch ?? 0,
            ServiceTier = fields.ServiceTier,
            Speed = fields.Speed,
            InferenceGeo = fields.InferenceGeo,
            Cwd = fields.Cwd,
            Branch = fields.Branch,
            Version = fields.Version,
            IsSidechain = fields.IsSidechain,
            CostUsd = fields.CostUsd,
        };
    }

    private string KeyOf(string? messageId, string? requestId, string session, DateTimeOffset at)
    {
        if (requestId is null)
        {
            return Key(messageId, requestId, session, at);
        }

        if (!ReferenceEquals(requestId, _keyRequestId) || !ReferenceEquals(messageId, _keyMessageId))
        {
            _key = Key(messageId, requestId, session, at);
            _keyMessageId = messageId;
            _keyRequestId = requestId;
        }

        return _key!;
    }

    /// <summary>§1.8: message id + request id; without a request id, a real <c>msg_</c> id alone; else session + id + instant.</summary>
    internal static string Key(string? messageId, string? requestId, string session, DateTimeOffset at)
    {
        if (requestId is not null)
        {
            return messageId + "/" + requestId;
        }

        if (messageId is not null && messageId.StartsWith("msg_", StringComparison.Ordinal))
        {
            return messageId;
        }

        return session + "/" + messageId + "/" + at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    private void ReadEnvelope(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                fields.IsAssistant = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("assistant"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                ReadMessage(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                fields.At = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("sessionId"u8))
            {
                fields.SessionId = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("requestId"u8))
            {
                fields.RequestId = _requestId.Read(ref reader);
            }
            else if (reader.ValueTextEquals("cwd"u8))
            {
                fields.Cwd = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("gitBranch"u8))
            {
                fields.Branch = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                fields.Version = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("isSidechain"u8))
            {
                fields.IsSidechain = ReadBool(ref reader);
            }
            else if (reader.ValueTextEquals("isApiErrorMessage"u8))
            {
                fields.IsApiError = ReadBool(ref reader);
            }
            else if (reader.ValueTextEquals("costUSD"u8))
            {
                reader.Read();
                fields.CostUsd = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var cost) && cost >= 0 ? cost : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("speed"u8))
            {
                fields.Speed ??= ReadPooled(ref reader);
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
    }

    private void ReadMessage(ref Utf8JsonReader reader, ref Fields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                fields.MessageId = _messageId.Read(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                fields.Model = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    fields.HasUsage = true;
                    ReadUsage(ref reader, ref fields);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadUsage(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                fields.Input = ReadCount(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                fields.Output = ReadCount(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                fields.CacheRead = ReadCount(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                fields.CacheCreation = ReadCount(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("cache_creation"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("ephemeral_5m_input_tokens"u8))
                    {
                        fields.CacheWrite5m = ReadCount(ref reader, ref fields);
                        fields.HasCacheBreakdown |= fields.CacheWrite5m is not null;
                    }
                    else if (reader.ValueTextEquals("ephemeral_1h_input_tokens"u8))
                    {
                        fields.CacheWrite1h = ReadCount(ref reader, ref fields);
                        fields.HasCacheBreakdown |= fields.CacheWrite1h is not null;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("server_tool_use"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("web_search_requests"u8))
                    {
                        fields.WebSearch = ReadCount(ref reader, ref fields);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                fields.ServiceTier = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("speed"u8))
            {
                fields.Speed = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("inference_geo"u8))
            {
                fields.InferenceGeo = ReadPooled(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A token count: null when absent or null; a bad value is noted as the line's problem.</summary>
    private static long? ReadCount(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var count):
                if (count < 0)
                {
                    fields.Problem ??= "negative token count";
                    return null;
                }

                if (count > MaxTokens)
                {
                    fields.Problem ??= "absurd token count (over 10^9 in one request)";
                    return null;
                }

                return count;
            default:
                fields.Problem ??= "token count is not a whole number";
                reader.Skip();
                return null;
        }
    }

    private string? ReadPooled(ref Utf8JsonReader reader)
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

    /// <summary>Reads an id string (null when absent, not a string, or empty), reusing the previous one while it repeats.</summary>
    private sealed class LastString
    {
        private const int MaxCachedBytes = 256;

        private readonly byte[] _bytes = new byte[MaxCachedBytes];
        private int _length = -1;
        private string? _value;

        public string? Read(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return null;
            }

            if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxCachedBytes)
            {
                return Empty(reader.GetString());
            }

            var raw = reader.ValueSpan;
            if (raw.Length == _length && raw.SequenceEqual(_bytes.AsSpan(0, _length)))
            {
                return _value;
            }

            var value = Empty(reader.GetString());
            raw.CopyTo(_bytes);
            _length = raw.Length;
            _value = value;
            return value;
        }

        private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool ReadBool(ref Utf8JsonReader reader)
    {
        reader.Read();
        var value = reader.TokenType == JsonTokenType.True;
        reader.Skip();
        return value;
    }

    private struct Fields
    {
        public bool IsAssistant;
        public bool IsApiError;
        public bool IsSidechain;
        public bool HasUsage;
        public bool HasCacheBreakdown;
        public DateTimeOffset? At;
        public string? SessionId;
        public string? RequestId;
        public string? MessageId;
        public string? Model;
        public string? Cwd;
        public string? Branch;
        public string? Version;
        public string? ServiceTier;
        public string? Speed;
        public string? InferenceGeo;
        public decimal? CostUsd;
        public long? Input;
        public long? Output;
        public long? CacheRead;
        public long? CacheCreation;
        public long? CacheWrite5m;
        public long? CacheWrite1h;
        public long? WebSearch;
        public string? Problem;
    }
}
