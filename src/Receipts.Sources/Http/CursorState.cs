using System.Text.Json;

namespace Receipts.Sources.Http;

/// <summary>Reads and writes a source's cursor state as JSON; an unreadable state starts the source afresh (imports are idempotent).</summary>
public static class CursorState
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T Read<T>(IReadOnlyDictionary<string, Domain.Storage.SourceCursor> cursors, string key)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(cursors);
        if (!cursors.TryGetValue(key, out var cursor))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(cursor.State, Options) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }

    public static string Write<T>(T state) => JsonSerializer.Serialize(state, Options);
}
