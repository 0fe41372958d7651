using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Receipts.Sources.Context;

/// <summary>Fingerprints a file's read prefix and decides where the next read starts.</summary>
internal static class FileFingerprint
{
    private const int HeadBytes = 4096;
    private const int TailBytes = 256;

    /// <summary>The position after reading up to <paramref name="offset"/> (a line boundary).</summary>
    public static FilePosition At(SafeFileHandle file, long offset, long length, long line)
    {
        var headLength = (int)Math.Min(HeadBytes, offset);
        return new FilePosition(offset, length, line, headLength, Hash(file, 0, headLength), Hash(file, Math.Max(0, offset - TailBytes), (int)Math.Min(TailBytes, offset)));
    }

    /// <summary>Compares the file with its last position and says what changed.</summary>
    public static FileChange Compare(SafeFileHandle file, long length, FilePosition? previous)
    {
        if (previous is null)
        {
            return FileChange.New;
        }

        if (length < previous.Offset)
        {
            return FileChange.Truncated;
        }

        if (Hash(file, 0, previous.HeadLength) != previous.Head
            || Hash(file, Math.Max(0, previous.Offset - TailBytes), (int)Math.Min(TailBytes, previous.Offset)) != previous.Tail)
        {
            return FileChange.Rewritten;
        }

        return length == previous.Offset ? FileChange.Unchanged : FileChange.Appended;
    }

    private static string Hash(SafeFileHandle file, long offset, int count)
    {
        Span<byte> bytes = stackalloc byte[HeadBytes];
        var span = bytes[..count];
        var total = 0;
        while (total < count)
        {
            var read = RandomAccess.Read(file, span[total..], offset + total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(span[..total], hash);
        return Convert.ToHexString(hash[..12]);
    }
}
