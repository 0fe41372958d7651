using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Receipts.Sources.Hooks;

/// <summary>
/// One HTTP/1.1 POST over a plain socket, for <c>http://</c> servers: the hook runs once per session and
/// exits, and starting <see cref="HttpClient"/>'s handler stack costs it ~50 ms of CPU (JIT and setup) for a
/// single request (docs/benchmarks.md (hook latency)). Only the status line of the answer is read. <c>https://</c> goes
/// through <see cref="HttpClient"/>, which owns TLS.
/// </summary>
internal static class PlainHttpPost
{
    /// <summary>Largest status line read; a real one is ~20 bytes.</summary>
    private const int MaxStatusLine = 8 * 1024;

    /// <summary>The answer's status code; throws <see cref="SocketException"/>, <see cref="IOException"/> or <see cref="OperationCanceledException"/> on failure.</summary>
    public static async Task<int> PostAsync(Uri endpoint, string? token, byte[] body, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint.IdnHost, endpoint.Port, cancellationToken);
        var head = new StringBuilder(256)
            .Append("POST ").Append(endpoint.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(endpoint.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Connection: close\r\n");
        if (!string.IsNullOrEmpty(token))
        {
            head.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        }

        head.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None, cancellationToken);
        for (var sent = 0; sent < body.Length;)
        {
            sent += await socket.SendAsync(body.AsMemory(sent), SocketFlags.None, cancellationToken);
        }

        var buffer = new byte[1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxStatusLine)
                {
                    throw new IOException("The server's status line is too long.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The server closed the connection before answering.");
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                return ParseStatus(buffer.AsSpan(0, end));
            }
        }
    }

    /// <summary><c>HTTP/1.1 200 OK</c> → 200.</summary>
    internal static int ParseStatus(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("HTTP/1."u8) || line.Length < 12 || line[8] != (byte)' '
            || !int.TryParse(line.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException("The server's answer is not HTTP/1.x.");
        }

        return status;
    }
}
