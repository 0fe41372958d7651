using Receipts.Domain.Usage;

namespace Receipts.Sources.Hooks;

/// <summary>
/// Reads only the bytes a transcript gained since its cursor, and only up to the last newline: a
/// line still being written is read next time. A file shorter than its cursor was rewritten, so it is
/// read again from the start (record ids make that harmless).
/// </summary>
internal static class TranscriptTail
{
    /// <summary>At most this much is read per transcript per run; the rest is read next time.</summary>
    public const int MaxBytesPerRun = 64 * 1024 * 1024;

    public static TranscriptChunk Read(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length < offset)
        {
            offset = 0;
        }

        var available = (int)Math.Min(length - offset, MaxBytesPerRun);
        if (available <= 0)
        {
            return new TranscriptChunk(path, [], offset, false);
        }

        var buffer = new byte[available];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewline < 0)
        {
            return new TranscriptChunk(path, [], offset, false);
        }

        var records = new List<UsageRecord>();
        var span = buffer.AsSpan(0, lastNewline + 1);
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)'\n');
            var line = span[..end];
            if (HookTranscriptLine.TryParse(line) is { } record)
            {
                records.Add(record);
            }

            span = span[(end + 1)..];
        }

        return new TranscriptChunk(path, records, offset + lastNewline + 1, true);
    }
}
