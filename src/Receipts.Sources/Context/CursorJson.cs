using System.Text.Json;

namespace Receipts.Sources.Context;

/// <summary>Cursor states as compact JSON; a state that no longer parses reads as absent (the file is read again).</summary>
internal static class CursorJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T state) => JsonSerializer.Serialize(state, Options);

    public static T? Read<T>(string state)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(state, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
