namespace Receipts.Sources.Otlp;

/// <summary>
/// Decides which attribute keys may carry prompt, response or tool content (invariant 4). Such
/// attributes are dropped while decoding, so they never reach the internal model, let alone the store.
/// The rule errs towards dropping: a key naming a prompt, message, completion, content, response,
/// body, instructions or tool input/output is content unless it clearly names a count, size or id.
/// </summary>
internal static class ContentAttributeFilter
{
    private static readonly string[] ContentWords =
    [
        "prompt", "content", "message", "completion", "response", "body", "instruction",
        "tool_input", "tool_output", "tool_parameters", "tool.input", "tool.output", "arguments", "query_text",
    ];

    // Keys that contain a content word but only name a count, size, id, model or reason.
    private static readonly string[] SafeSuffixes =
    [
        ".id", "_id", ".uuid", "_uuid", "_length", "_size", "_bytes", "_tokens", ".tokens", "_count", ".count",
        ".model", ".finish_reasons", "_micros", "_ms",
    ];

    // Senders repeat a handful of keys in every record: each is judged once (bounded, so odd keys cannot grow it).
    private const int MaxRemembered = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Judged = new(StringComparer.Ordinal);

    public static bool IsContent(string key)
    {
        if (Judged.TryGetValue(key, out var known))
        {
            return known;
        }

        var content = Judge(key);
        if (Judged.Count < MaxRemembered)
        {
            Judged.TryAdd(key, content);
        }

        return content;
    }

    private static bool Judge(string key)
    {
        var lower = key.ToLowerInvariant();
        var containsContentWord = false;
        foreach (var word in ContentWords)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                containsContentWord = true;
                break;
            }
        }

        if (!containsContentWord)
        {
            return false;
        }

        foreach (var suffix in SafeSuffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
