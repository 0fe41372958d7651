using System.Buffers;

namespace Receipts.Sources.Otlp;

/// <summary>
/// A request body read into a buffer rented from the shared pool: a 300 KB export would otherwise be a fresh
/// large-object allocation (and two copies) per request. Dispose after the body is decoded.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private PooledBody(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public Stream AsStream() => new MemoryStream(_buffer, 0, _length, writable: false);

    /// <summary>Reads <paramref name="stream"/> to its end, or returns null once it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<PooledBody?> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var body = new PooledBody(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken)) > 0)
            {
                body._length += read;
                if (body._length > limit)
                {
                    body.Dispose();
                    return null;
                }

                if (body._length == body._buffer.Length)
                {
                    body.Grow();
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
