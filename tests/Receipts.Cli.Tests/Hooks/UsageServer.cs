using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Receipts.Cli.Tests.Hooks;

/// <summary>
/// A Receipts server stand-in on 127.0.0.1: accepts <c>POST /v1/hooks/usage</c> and keeps the records
/// it received, optionally after a delay (a slow server).
/// </summary>
internal sealed class UsageServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly List<JsonElement> _records = [];
    private readonly List<string> _authorizations = [];

    public UsageServer(int? port = null, TimeSpan? delay = null)
    {
        Port = port ?? FreePort();
        Delay = delay ?? TimeSpan.Zero;
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public TimeSpan Delay { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<JsonElement> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public IReadOnlyList<string> Authorizations
    {
        get
        {
            lock (_records)
            {
                return [.. _authorizations];
            }
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            if (context.Request.Url!.AbsolutePath != "/v1/hooks/usage")
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                lock (_records)
                {
                    _records.AddRange(body.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()));
                    _authorizations.Add(context.Request.Headers["Authorization"] ?? "");
                }

                context.Response.StatusCode = 202;
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or JsonException or InvalidOperationException)
        {
        }
    }
}
