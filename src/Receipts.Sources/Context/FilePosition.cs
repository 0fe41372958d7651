namespace Receipts.Sources.Context;

/// <summary>
/// How far a JSONL file was read, with a fingerprint to notice a file that was truncated or
/// rewritten since: a hash of its first bytes (up to 4 KiB) and of the 256 bytes before <see cref="Offset"/>.
/// </summary>
/// <param name="Offset">Just after the last complete line read.</param>
/// <param name="Length">The file's length when it was read.</param>
/// <param name="Line">Complete lines before <paramref name="Offset"/>, so diagnostics keep true line numbers.</param>
internal sealed record FilePosition(long Offset, long Length, long Line, int HeadLength, string Head, string Tail)
{
    public static FilePosition Start { get; } = new(0, 0, 0, 0, string.Empty, string.Empty);
}
