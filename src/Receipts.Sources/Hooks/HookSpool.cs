namespace Receipts.Sources.Hooks;

/// <summary>
/// The local queue for batches the server did not take: one file per POST body under
/// <c>&lt;state&gt;/spool/</c>, written atomically; bodies the server rejected go to <c>spool/rejected/</c>
/// for inspection and are not retried.
/// </summary>
internal sealed class HookSpool(string directory)
{
    /// <summary>Oldest batches are dropped past this many files, so a long outage cannot fill the disk.</summary>
    public const int MaxFiles = 5000;

    public string Add(byte[] body, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var name = $"{now.UtcTicks:D19}-{Guid.NewGuid():n}.json";
        var temporary = System.IO.Path.Combine(directory, name + ".tmp");
        File.WriteAllBytes(temporary, body);
        var path = System.IO.Path.Combine(directory, name);
        File.Move(temporary, path);
        return path;
    }

    /// <summary>Spooled batches, oldest first.</summary>
    public IReadOnlyList<string> Pending()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length > MaxFiles)
        {
            foreach (var old in files[..^MaxFiles])
            {
                TryDelete(old);
            }

            files = files[^MaxFiles..];
        }

        return files;
    }

    public void Reject(string file)
    {
        var rejected = System.IO.Path.Combine(directory, "rejected");
        Directory.CreateDirectory(rejected);
        File.Move(file, System.IO.Path.Combine(rejected, System.IO.Path.GetFileName(file)), overwrite: true);
    }

    public static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Sent twice at worst; record ids make that harmless.
        }
    }
}
