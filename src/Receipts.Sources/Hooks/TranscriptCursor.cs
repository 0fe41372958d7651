using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Receipts.Sources.Hooks;

/// <summary>
/// How far the hook has read one transcript: a small file per transcript under the state directory
/// (<c>cursors/&lt;hash of path&gt;.json</c>), written atomically after the records it covers were sent or spooled.
/// </summary>
internal static class TranscriptCursor
{
    public static string PathFor(string cursorDirectory, string transcriptPath)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(transcriptPath));
        return Path.Combine(cursorDirectory, Convert.ToHexStringLower(hash.AsSpan(0, 16)) + ".json");
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
