namespace Receipts.Sources.Context;

/// <summary>What to read of one file in this run: bytes <c>[Start, End)</c>, starting at line <c>StartLine + 1</c>.</summary>
/// <param name="Previous">The cursor state text when reading on from it; null when reading from the start.</param>
internal sealed record FilePlan(string Path, long Start, long StartLine, long End, FileChange Change, string? Previous)
{
    public long Bytes => End - Start;
}
