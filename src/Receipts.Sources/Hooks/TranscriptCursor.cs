using System.Text;
using System.Text.Json;

namespace Receipts.Sources.Hooks;

/// <summary>
/// How far the hook has read one transcript: a small file per transcript under the state directory
/// (<c>cursors/&lt;hash of path&gt;.json</c>), written atomically after the records it covers were sent or spooled.
/// </summary>
internal static class TranscriptCursor
{
    // FNV-1a over the path, twice with different seeds (128 bits): not cryptographic, and it keeps
    // the hook from loading OpenSSL just to name a file.
    public static string PathFor(string cursorDirectory, string transcriptPath)
    {
        var bytes = Encoding.UTF8.GetBytes(transcriptPath);
        var name = $"{Fnv1a(bytes, 14695981039346656037UL):x16}{Fnv1a(bytes, 0x9E3779B97F4A7C15UL):x16}.json";
        return Path.Combine(cursorDirectory, name);
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes, ulong seed)
    {
        var hash = seed;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    public static long Read(string cursorDirectory, string transcriptPath)
    {
        try
        {
            var bytes = File.ReadAllBytes(PathFor(cursorDirectory, transcriptPath));
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.TryGetProperty("offset", out var offset) && offset.TryGetInt64(out var value) && value >= 0 ? value : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return 0;
        }
    }

    public static void Write(string cursorDirectory, string transcriptPath, long offset)
    {
        Directory.CreateDirectory(cursorDirectory);
        var target = PathFor(cursorDirectory, transcriptPath);
        var temporary = target + "." + Guid.NewGuid().ToString("n") + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("path", transcriptPath);
            writer.WriteNumber("offset", offset);
            writer.WriteEndObject();
        }

        File.Move(temporary, target, overwrite: true);
    }
}
