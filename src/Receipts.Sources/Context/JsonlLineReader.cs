using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Receipts.Sources.Context;

/// <summary>
/// Streams the complete lines of a JSONL file from an offset up to a fixed end, over one pooled
/// buffer: no line and no file is ever turned into a string. A line longer than the buffer is
/// compacted on the fly (<see cref="JsonStringCompactor"/>), so memory stays bounded whatever the input.
/// Bytes after the last newline are left for the next read: the writer may still be writing them.
/// </summary>
internal sealed class JsonlLineReader : IDisposable
{
    public const int DefaultBufferSize = 4 << 20;

    private byte[] _buffer;

    public JsonlLineReader(int bufferSize = DefaultBufferSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Reads lines in <c>[start, end)</c>; <paramref name="onBytes"/> is told how many bytes were read after each block.</summary>
    public LineReadResult Read(
        SafeFileHandle file,
        long start,
        long end,
        long firstLine,
        ILineSink sink,
        Action<long>? onBytes,
        CancellationToken cancellationToken)
    {
        var buffer = _buffer;
        var bufferStart = start;   // file offset of buffer[0]
        var filled = 0;
        var scanFrom = 0;
        var line = firstLine;
        var consumed = start;      // file offset after the last complete line

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var want = (int)Math.Min(buffer.Length - filled, end - (bufferStart + filled));
            var read = want > 0 ? RandomAccess.Read(file, buffer.AsSpan(filled, want), bufferStart + filled) : 0;
            if (read <= 0)
            {
                return new LineReadResult(consumed, line, filled > 0);
            }

            onBytes?.Invoke(read);
            filled += read;
            var lineStart = 0;
            while (true)
            {
                var newline = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                var lineEnd = scanFrom + newline;
                line++;
                sink.OnLine(TrimCarriageReturn(buffer.AsSpan(lineStart, lineEnd - lineStart)), line, compacted: false);
                lineStart = lineEnd + 1;
                scanFrom = lineStart;
                consumed = bufferStart + lineStart;
            }

            if (lineStart == 0 && filled == buffer.Length)
            {
                // One line fills the whole buffer: compact it while reading on to its end.
                var oversizedEnd = ReadOversizedLine(file, end, bufferStart, line + 1, sink, onBytes, cancellationToken);
                if (oversizedEnd < 0)
                {
                    return new LineReadResult(consumed, line, IncompleteTail: true);
                }

                line++;
                consumed = oversizedEnd + 1;
                bufferStart = consumed;
                filled = 0;
                scanFrom = 0;
                continue;
            }

            // Keep the partial line, read on after it.
            var rest = filled - lineStart;
            if (lineStart > 0)
            {
                buffer.AsSpan(lineStart, rest).CopyTo(buffer);
            }

            bufferStart += lineStart;
            filled = rest;
            scanFrom = rest;
        }
    }

    /// <summary>
    /// Compacts the line that starts at <c>buffer[0]</c> (file offset <paramref name="lineOffset"/>) and fills the buffer,
    /// reading on until its newline. Returns the newline's file offset, or -1 when the end came first.
    /// </summary>
    private long ReadOversizedLine(
        SafeFileHandle file,
        long end,
        long lineOffset,
        long lineNumber,
        ILineSink sink,
        Action<long>? onBytes,
        CancellationToken cancellationToken)
    {
        var buffer = _buffer;
        var compactor = new JsonStringCompactor(Math.Min(JsonStringCompactor.MaxStringBytes, buffer.Length / 16));
        var output = compactor.Compact(buffer, 0, buffer.Length, 0);
        var tooLarge = false;
        var position = lineOffset + buffer.Length;   // next file offset to read
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (output > buffer.Length / 2)
            {
                // Even without its long strings the line does not fit: read to its end and skip it.
                tooLarge = true;
                output = 0;
            }

            var want = (int)Math.Min(buffer.Length - output, end - position);
            var read = want > 0 ? RandomAccess.Read(file, buffer.AsSpan(output, want), position) : 0;
            if (read <= 0)
            {
                return -1;
            }

            var chunk = buffer.AsSpan(output, read);
            var newline = chunk.IndexOf((byte)'\n');
            onBytes?.Invoke(newline < 0 ? read : newline + 1);
            var take = newline < 0 ? read : newline;
            if (!tooLarge)
            {
                output = compactor.Compact(buffer, output, output + take, output);
            }

            if (newline >= 0)
            {
                var lineEnd = position + newline;
                if (tooLarge)
                {
                    sink.OnOversizedLine(lineNumber);
                }
                else
                {
                    sink.OnLine(TrimCarriageReturn(buffer.AsSpan(0, output)), lineNumber, compacted: true);
                }

                return lineEnd;
            }

            position += read;
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
