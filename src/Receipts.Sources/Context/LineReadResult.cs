namespace Receipts.Sources.Context;

/// <summary>Where a read stopped: just after the last complete line, and what was left after it.</summary>
/// <param name="Offset">File offset just after the last complete line (the next read starts here).</param>
/// <param name="Line">Number of complete lines before <paramref name="Offset"/>.</param>
/// <param name="IncompleteTail">True when bytes without a final newline were left: a line still being written.</param>
internal readonly record struct LineReadResult(long Offset, long Line, bool IncompleteTail);
