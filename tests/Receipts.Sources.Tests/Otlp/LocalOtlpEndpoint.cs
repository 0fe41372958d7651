using System.Net;
using System.Net.Sockets;
using Receipts.Sources.Otlp;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>
/// A tiny OTLP/HTTP endpoint on 127.0.0.1 (HttpListener) that hands each request to an
/// <see cref="OtlpReceiver"/>, as the server's OtlpApi will: route → signal, headers → content type and encoding.
/// </summary>
internal sealed class LocalOtlpEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly OtlpReceiver _receiver;
    private readonly Task _loop;
    private readonly List<OtlpIngestResult> _results = [];

    public LocalOtlpEndpoint(OtlpReceiver receiver)
    {
        _receiver = receiver;
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<OtlpIngestResult> Results
    {
        get
        {
            lock (_results)
            {
                return [.. _results];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var signal = context.Request.Url!.AbsolutePath switch
            {
                "/v1/metrics" => OtlpSignal.Metrics,
                "/v1/logs" => OtlpSignal.Logs,
                _ => OtlpSignal.Traces,
            };
            var result = await _receiver.IngestAsync(signal, context.Request.InputStream, context.Request.ContentType, context.Request.Headers["Content-Encoding"], CancellationToken.None);
            lock (_results)
            {
                _results.Add(result);
            }

            context.Response.StatusCode = result.StatusCode;
            context.Response.ContentType = result.ContentType;
            await context.Response.OutputStream.WriteAsync(result.Body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
