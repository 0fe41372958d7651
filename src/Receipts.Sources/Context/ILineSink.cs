namespace Receipts.Sources.Context;

/// <summary>Receives the lines a <see cref="JsonlLineReader"/> finds; the span is only valid during the call.</summary>
internal interface ILineSink
{
    /// <param name="line">The line's bytes without the newline (and without a trailing carriage return).</param>
    /// <param name="lineNumber">1-based line number in the file.</param>
    /// <param name="compacted">True when the line was longer than the buffer and its long strings were dropped on the way.</param>
    void OnLine(ReadOnlySpan<byte> line, long lineNumber, bool compacted);

    /// <summary>A line too large to parse even with its long strings dropped.</summary>
    void OnOversizedLine(long lineNumber);
}
