using System.Text.Json;

namespace Receipts.Sources.Hooks;

/// <summary>
/// The JSON Claude Code writes to a command hook's stdin (hooks docs, "Common input fields",
/// SessionStart, SessionEnd). Only ids and paths are read; nothing else is kept.
/// </summary>
public sealed record HookInput(string? SessionId, string? TranscriptPath, string? Cwd, string? HookEventName, string? Reason, string? Source)
{
    /// <summary>Null when the input is not a JSON object: a hook never fails on bad input.</summary>
    public static HookInput? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? sessionId = null, transcriptPath = null, cwd = null, eventName = null, reason = null, source = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                switch (name)
                {
                    case "session_id":
                        sessionId = value;
                        break;
                    case "transcript_path":
                        transcriptPath = value;
                        break;
                    case "cwd":
                        cwd = value;
                        break;
                    case "hook_event_name":
                        eventName = value;
                        break;
                    case "reason":
                        reason = value;
                        break;
                    case "source":
                        source = value;
                        break;
                    default:
                        break;
                }
            }

            return new HookInput(sessionId, transcriptPath, cwd, eventName, reason, source);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
